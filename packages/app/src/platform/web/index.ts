// The platform's web kit: what every module's routes use to read requests and answer them.
export { registerFlash } from './flash.js';
export {
  dateFromParts,
  datePartsOf,
  formOf,
  formValue,
  formValues,
  isIsoDate,
  queryId,
  queryText,
  queryValue,
  selectItems,
  text,
  todayInEngland,
} from './forms.js';
export { errorsFor, type FormPage, handleForm } from './handleForm.js';
export { idFrom, idParam, isRecordId, maxPageNumber, pageNumber } from './ids.js';
export { paginationOf, queryString } from './pagination.js';
export { redirectToSignIn, requireSignInHook, requireSignInOn, rotateCsrfToken, safeNextPath, sentToSignIn } from './signIn.js';
export type { App, AppDeps, PageLink } from './types.js';

/** A module's template names: view('complaints')('letter') → 'complaints/views/letter.njk'. */
export const view = (module: string) => (name: string) => `${module}/views/${name}.njk`;
