import { defineAuditSuite } from './audit-suite';
import { sqliteTestStore } from './helpers/test-stores';

defineAuditSuite('sqlite', sqliteTestStore);
