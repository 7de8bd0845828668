// @involve/decide: counting rules for participatory budgeting, STV elections and sortition, with
// their file formats. Pure functions over plain data; never imports from the app.
export const decideVersion = '0.1.0';
