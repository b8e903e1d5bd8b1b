import { defineAuditSuite } from './audit-suite';
import { postgresTestStore } from './helpers/test-stores';

defineAuditSuite('postgres', postgresTestStore);
