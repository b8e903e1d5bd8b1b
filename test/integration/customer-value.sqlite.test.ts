import { defineCustomerValueSuite } from './customer-value-suite';
import { sqliteTestStore } from './helpers/test-stores';

defineCustomerValueSuite('sqlite', sqliteTestStore);
