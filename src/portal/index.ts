/**
 * The portal room's public surface. The portal composes the other rooms' public surfaces; nothing of
 * it is used by another room but the room itself and the addresses of its pages.
 */
export { portalRoom } from './room.ts';
export { agencyPath, itemPath, feedPath, PORTAL_HOME, SEARCH_PATH } from './urls.ts';
