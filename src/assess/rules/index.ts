import type { Rule } from '../rule.js';
import { rule as formDataSentToOtherOrganisations } from './form-data-sent-to-other-organisations.js';
import { rule as foreignControlledThirdParties } from './foreign-controlled-third-parties.js';
import { rule as foreignOperatedServers } from './foreign-operated-servers.js';
import { rule as incompleteCaptures } from './incomplete-captures.js';
import { rule as unattributedHosts } from './unattributed-hosts.js';
import { rule as cnameCloakedTrackers } from './cname-cloaked-trackers.js';
import { rule as foreignCdn } from './foreign-cdn.js';
import { rule as foreignDnsOperator } from './foreign-dns-operator.js';
import { rule as foreignMailOperator } from './foreign-mail-operator.js';
import { rule as foreignCertificateAuthority } from './foreign-certificate-authority.js';
import { rule as personalDataSentToForeignOrganisations } from './personal-data-sent-to-foreign-organisations.js';
import { rule as pageAddressSentToThirdParties } from './page-address-sent-to-third-parties.js';
import { rule as unverifiableHostingQualifications } from './unverifiable-hosting-qualifications.js';

/** Every rule, by id. A test checks that this registry matches the files of this folder. */
export const rules: readonly Rule[] = [
  foreignControlledThirdParties,
  foreignOperatedServers,
  unattributedHosts,
  incompleteCaptures,
  cnameCloakedTrackers,
  foreignCdn,
  foreignDnsOperator,
  foreignMailOperator,
  foreignCertificateAuthority,
  formDataSentToOtherOrganisations,
  personalDataSentToForeignOrganisations,
  pageAddressSentToThirdParties,
  unverifiableHostingQualifications,
];
