/** One row of the acute-detection sets: language, the acute category a worker would expect ('' when not acute), the text. */
import type { AcuteReason } from '../src/domain/triage/lexicon.js';
export type SetRow = [lang: 'fi' | 'sv' | 'en', acute: AcuteReason | '', text: string];
