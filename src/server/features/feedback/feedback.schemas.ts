import { z } from 'zod';
import { residentText } from '../../platform/resident-text.js';

/**
 * Client feedback (issue 16): after a closed contact, in a channel that asks for it (the end of a
 * chat, the link on the web form's receipt), a short anonymous form: a score and free text. The
 * feedback row holds the channel, line and day only — nothing that leads back to the contact or
 * a person — and its text is never shown beside identifying data.
 */
export const FEEDBACK_TEXT_MAX = 2000;

/**
 * `POST /api/public/feedback`: 201 `{ok: true}`. 404 `feedback_not_found` for an unknown token,
 * 410 `feedback_expired` after 30 days, 409 `feedback_already_given` for a second answer. The
 * token comes from the chat's end (`feedbackToken`) or the web receipt (`feedbackToken`).
 */
export const feedbackInputSchema = z.object({
  token: z.string().min(10).max(200),
  lang: z.enum(['fi', 'sv', 'en']).default('fi'),
  score: z.number().int().min(1).max(5).describe('1: very poor … 5: very good'),
  text: residentText().max(FEEDBACK_TEXT_MAX).nullish()
    .describe('Free text, optional. Do not write names or numbers: it is read without them'),
  website: z.string().max(500).optional().describe('Leave empty (honeypot)'),
}).meta({ id: 'FeedbackInput' });

const scoreFigures = {
  count: z.number().int().min(0),
  meanScore: z.number().nullable().describe('Mean of the scores (1–5), two decimals; null without answers'),
};

/** The month's or period's feedback, in the statistics (`feedback` of GET /api/statistics/monthly and /period). */
export const feedbackFiguresSchema = z.object({
  ...scoreFigures,
  previousYear: z.object(scoreFigures),
  invited: z.number().int().min(0).describe('Feedback links given in the period: answered chats that ended, contact-form receipts (the response rate is count / invited)'),
  byScore: z.array(z.object({ score: z.number().int().min(1).max(5), count: z.number().int().min(0) })).describe('Always five rows, 1–5'),
  byChannel: z.array(z.object({ channel: z.string(), ...scoreFigures })),
  byLine: z.array(z.object({ line: z.string().nullable(), ...scoreFigures })),
  withText: z.number().int().min(0),
}).meta({ id: 'FeedbackFigures' });

/** The period's chats, in the statistics (`chat` of GET /api/statistics/monthly and /period). */
export const chatFiguresSchema = z.object({
  started: z.number().int().min(0),
  answered: z.number().int().min(0).describe('A worker took it'),
  leftWaiting: z.number().int().min(0).describe('The resident left before a worker took it'),
  timedOut: z.number().int().min(0).describe('Closed itself: the resident vanished (waiting or answered)'),
  callbacks: z.number().int().min(0).describe('Turned into a callback task'),
  acute: z.number().int().min(0),
  waitSeconds: z.object({ mean: z.number().nullable(), median: z.number().nullable(), p90: z.number().nullable() }).describe('From starting to a worker taking it, answered chats'),
  previousYear: z.object({ started: z.number().int().min(0), answered: z.number().int().min(0) }),
}).meta({ id: 'ChatFigures' });

/**
 * `GET /api/statistics/feedback-comments?from&to&channel&line` (supervisor): the free texts, newest
 * month first, with the month, channel, line and score only. Never with a reference, a name or a day.
 */
export const feedbackCommentsQuerySchema = z.object({
  from: z.iso.date(), to: z.iso.date(),
  channel: z.string().regex(/^[a-z0-9_]{1,60}$/).optional(),
  line: z.string().regex(/^[a-z0-9_]{1,60}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const feedbackCommentsSchema = z.object({
  items: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), channel: z.string(), line: z.string().nullable(), score: z.number().int(), lang: z.enum(['fi', 'sv', 'en']), text: z.string() })),
  total: z.number().int().min(0),
}).meta({ id: 'FeedbackComments' });

export type FeedbackInput = z.infer<typeof feedbackInputSchema>;
export type FeedbackFigures = z.infer<typeof feedbackFiguresSchema>;
export type ChatFigures = z.infer<typeof chatFiguresSchema>;
export type FeedbackComments = z.infer<typeof feedbackCommentsSchema>;
