// The buttons under replies (reply-actions-controller.ts).
import { css } from "lit";

export default css`
  .reply-actions {
    align-self: flex-start;
    display: flex;
    gap: 0.35em;
    margin-top: -0.3em;
  }
  .reply-actions button {
    padding: 0.15em 0.6em;
    font-size: 0.8em;
    font-weight: 500;
    color: var(--_muted);
    background: transparent;
    border: 1px solid var(--_border);
    border-radius: 999px;
  }
  .reply-actions button:hover:not(:disabled) { color: var(--_text); }
`;
