import { keys } from './use-guidance';

/** What a change to a case refreshes: the case, the lists of cases and follow-ups, the person page, the queue and the contacts (their levels are under their keys). */
export const caseKeys = (caseId: string): unknown[][] => [keys.guidanceCase(caseId), ['guidance'], ['person'], ['queue'], ['contact']];
