/** The accounts room's public surface (other rooms use the machinery in src/platform/accounts). */
export { accountsRoom } from './room.ts';
/** The demo agency's name: the report room stores its demo report for the agency of this name. */
export { DEMO_AGENCY_NAME } from './demo.ts';
