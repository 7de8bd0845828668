// PLACEHOLDER: the "sortition" subcommand (being built).
export async function run(_args: string[]): Promise<number> {
  console.error('decide sortition is not built yet.');
  return 2;
}
