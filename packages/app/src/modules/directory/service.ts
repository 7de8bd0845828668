// The community directory's public face: every business action, each asking the gate first, as
// plain async functions (deps, actor, input) → result. Routes, other modules and tests import from
// here; the actions live in files by sub-topic.
export type { DirectoryDeps } from './records.js';
export { checkIntervalMonths, isUuid } from './records.js';
export { serviceStatuses } from './schema.js';
export { haversineMiles, listCategories, postcodePoint, searchServices } from './search.js';
export { deleteService, emptyServiceInput, getService, markChecked, saveService, serviceInputOf, servicesOf } from './services.js';
export type {
  AddressView,
  Category,
  ContactView,
  CostInput,
  LocationView,
  OpeningTimeInput,
  ScheduleView,
  SearchQuery,
  SearchResult,
  ServiceDetail,
  ServiceInput,
  ServiceStatus,
  ServiceSummary,
} from './types.js';
