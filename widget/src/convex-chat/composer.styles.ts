// The composer (composer-controller.ts).
import { css } from "lit";

export default css`
  .composer textarea {
    overflow-y: auto;
    max-height: 10em;
    /* Grows with its text with no script measuring it (composer-controller.ts measures elsewhere). */
    field-sizing: content;
  }
  .composer .stop {
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
  }
  .composer-footer {
    display: flex;
    align-items: baseline;
    gap: 0.5em;
  }
  .composer-footer .status { flex: 1; }
  .counter {
    padding: 0.25em 1em 0.7em 0;
    font-size: 0.8em;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .counter.over { color: var(--_danger); font-weight: 600; }
  .counter[hidden] { display: none; }
`;
