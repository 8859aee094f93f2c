/** The accounts room's public surface (other rooms use the machinery in src/platform/accounts). */
export { accountsRoom } from './room.ts';
