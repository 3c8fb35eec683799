// A short tone made on the spot with WebAudio: no sound file to fetch (a strict CSP or an offline
// admin page would refuse one).
let context: AudioContext | undefined;

/** Plays a soft 0.15 s beep; silent where audio is unavailable or not yet allowed by the browser. */
export function beep(): void {
  try {
    context ??= new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.08, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + 0.15);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + 0.16);
  } catch {
    // No audio here: the title count and the marks still say it.
  }
}
