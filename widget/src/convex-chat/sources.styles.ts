// The sources under a grounded reply (sources-view.ts).
import { css } from "lit";

export default css`
  .sources {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.3em 0.5em;
    margin-top: 0.5em;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .sources ul {
    display: contents;
    list-style: none;
  }
  .sources li { display: inline; }
  .sources a { color: inherit; text-decoration: underline; }
  .sources a:hover, .sources a:focus-visible { color: var(--_text); }
`;
