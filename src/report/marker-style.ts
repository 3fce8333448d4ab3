/**
 * How an event's marker looks on a chart, one style per kind: the report
 * (template.ts) and the phone's replay screen (device/phone) draw the same
 * markers: one per alert, and a small tick at the top for each repeat
 * (src/report/fold.ts). Colours come from the page's own --slow, --under, --time, --signal
 * and --tired variables. Plain text, no platform: both pages inline it.
 */
export const MARKER_CSS = `.pg-marker { position: absolute; top: 0; bottom: 0; width: 0; border-left: 2px solid var(--slow); pointer-events: none; z-index: 5; }
.pg-marker::before { content: ""; position: absolute; top: -1px; left: -7px; border: 6px solid transparent; border-top: 9px solid currentColor; }
.pg-marker[data-kind="slow-down"] { color: var(--slow); border-color: var(--slow); }
.pg-marker[data-kind="not-recovery"] { color: var(--slow); border-left: 4px double var(--slow); }
.pg-marker[data-kind="back-under"] { color: var(--under); border-left: 1px dashed var(--under); }
.pg-marker[data-kind="time-up"] { color: var(--time); border-left: 2px dotted var(--time); }
.pg-marker[data-kind="signal-lost"], .pg-marker[data-kind="signal-back"] { color: var(--signal); border-left: 1px dashed var(--signal); }
.pg-marker[data-kind="tired"] { color: var(--tired); border-left: 2px dotted var(--tired); }
.pg-marker[data-kind="back-under"]::before, .pg-marker[data-kind="signal-back"]::before { border-top: 0; border-bottom: 9px solid currentColor; top: auto; bottom: -1px; }
.pg-marker[data-kind="time-up"]::before, .pg-marker[data-kind="tired"]::before { left: -6px; border: 0; width: 10px; height: 10px; background: currentColor; transform: rotate(45deg); top: -5px; }
.pg-marker[data-kind="not-recovery"]::before { left: -7px; border: 0; width: 12px; height: 12px; background: currentColor; top: -6px; }
.pg-marker[data-kind="signal-lost"]::before { left: -5px; border: 0; width: 9px; height: 9px; background: currentColor; border-radius: 50%; top: -4px; }
.pg-marker.off, .pg-tick.off { display: none; }
.pg-tick { position: absolute; top: 0; height: 7px; width: 0; border-left: 2px solid var(--slow); pointer-events: none; z-index: 4; }
.pg-tick[data-kind="slow-down"] { border-color: var(--slow); }`;
