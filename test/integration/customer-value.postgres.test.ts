import { defineCustomerValueSuite } from './customer-value-suite';
import { postgresTestStore } from './helpers/test-stores';

defineCustomerValueSuite('postgres', postgresTestStore);
