export { chatFiguresSchema, feedbackFiguresSchema, feedbackCommentsSchema, feedbackCommentsQuerySchema, type ChatFigures, type FeedbackFigures, type FeedbackComments } from './feedback.schemas.js';
export { issueFeedbackToken, feedbackFigures, feedbackComments } from './feedback.service.js';
export { feedbackPublicRoutes } from './feedback.routes.js';
