import { defineCustomerAnalysisSuite } from './customer-analysis-suite';
import { postgresTestStore } from './helpers/test-stores';

defineCustomerAnalysisSuite('postgres', postgresTestStore);
