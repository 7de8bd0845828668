// PLACEHOLDER: the "pb" subcommand (being built).
export async function run(_args: string[]): Promise<number> {
  console.error('decide pb is not built yet.');
  return 2;
}
