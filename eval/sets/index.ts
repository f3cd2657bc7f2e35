/**
 * The acute-detection sets (issue 11). DEVELOPMENT: written to build and tune the detector, and
 * the earlier evaluation and "held-out" sets' acute rows, which were tuned on. SEALED: written by
 * someone who never saw the detector, before it was changed; it only reports and is never listed
 * by the tools (see eval/README.md for the rule when a sealed text is used to fix something).
 */
import type { SetRow } from '../set-row.js';
import { DEV_FI } from './triage-dev-fi.js';
import { DEV_SV_EN } from './triage-dev-sv-en.js';
import { DEV_2 } from './triage-dev-2.js';
import { DEV_3 } from './triage-dev-3.js';
import { DEV_4 } from './triage-dev-4.js';
import { SEALED_SET } from './triage-sealed.js';
import { SEALED_SET_2 } from './triage-sealed-2.js';
import { SEALED_SET_3 } from './triage-sealed-3.js';
import { EVAL_SET } from '../triage-set.js';
import { HELDOUT_SET } from '../triage-heldout.js';

const legacy: SetRow[] = [...EVAL_SET, ...HELDOUT_SET].map(([lang, acute, , , text]) => [lang, acute as SetRow[1], text]);
export const DEVELOPMENT_SET: SetRow[] = [...DEV_FI, ...DEV_SV_EN, ...DEV_2, ...DEV_3, ...DEV_4, ...legacy];
export { SEALED_SET, SEALED_SET_2, SEALED_SET_3 };
