export * from './amount';
export * from './columns';
export * from './csv-parser';
export * from './decode';
export * from './import-orders';
export * from './order-date';
export * from './settings';
