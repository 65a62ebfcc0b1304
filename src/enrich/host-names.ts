/** Host name helpers of the enrich stage: the shared ones (src/shared/url.ts), under their enrich names. */
export { hostOfUrl, normaliseHost, siteOf as registrableDomain } from '../shared/url.js';
