// Whether the visitor's device is touch only (a phone, a tablet without a keyboard): there is no
// Shift+Enter to mention, and focusing a field would pop the on-screen keyboard over the page the
// moment the panel opens. Framework-free.

/** The media query of a touch-only device: no hover, and a coarse primary pointer. */
export const TOUCH_ONLY_QUERY = "(hover: none) and (pointer: coarse)";

/** Whether the device is touch only, now (a tablet may gain a keyboard: asked every time). */
export function isTouchOnly(): boolean {
  return typeof matchMedia === "function" && matchMedia(TOUCH_ONLY_QUERY).matches;
}
