export { chatPublicRoutes, chatStaffRoutes, CHAT_COOKIE } from './chat.routes.js';
export { closeIdleChats, endChat } from './chat.service.js';
export { chatFigures } from './chat.statistics.js';
