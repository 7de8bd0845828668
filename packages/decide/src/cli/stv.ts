// PLACEHOLDER: the "stv" subcommand (being built).
export async function run(_args: string[]): Promise<number> {
  console.error('decide stv is not built yet.');
  return 2;
}
