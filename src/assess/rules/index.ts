import type { Rule } from '../rule.js';
import { rule as foreignControlledThirdParties } from './foreign-controlled-third-parties.js';
import { rule as foreignOperatedServers } from './foreign-operated-servers.js';
import { rule as incompleteCaptures } from './incomplete-captures.js';
import { rule as unattributedHosts } from './unattributed-hosts.js';

/** Every rule, by id. A test checks that this registry matches the files of this folder. */
export const rules: readonly Rule[] = [
  foreignControlledThirdParties,
  foreignOperatedServers,
  unattributedHosts,
  incompleteCaptures,
];
