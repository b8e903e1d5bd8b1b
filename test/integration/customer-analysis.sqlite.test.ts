import { defineCustomerAnalysisSuite } from './customer-analysis-suite';
import { sqliteTestStore } from './helpers/test-stores';

defineCustomerAnalysisSuite('sqlite', sqliteTestStore);
