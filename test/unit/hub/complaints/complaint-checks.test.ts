import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINT_SETTINGS } from '../../../../shared/complaints/settings-defaults';
import { ComplaintSettingsSchema, complaintRefusalCode } from '../../../../shared/protocol/complaints';
import { categoryIssues, rootCauseCodes, workflowRefusal } from '../../../../hub/complaints/complaint-checks';
import { settingsIssues } from '../../../../hub/complaints/complaint-settings-check';

describe('the default settings', () => {
  it('pass their own schema and checks, with labels in both languages', () => {
    expect(ComplaintSettingsSchema.parse(DEFAULT_COMPLAINT_SETTINGS)).toEqual(DEFAULT_COMPLAINT_SETTINGS);
    expect(settingsIssues(DEFAULT_COMPLAINT_SETTINGS, new Set())).toEqual([]);
    expect(DEFAULT_COMPLAINT_SETTINGS.sla.firstResponse.hours.medium).toBe(24);
  });
});

describe('category checks', () => {
  it('accepts a category with one of its own sub-categories, or none', () => {
    expect(categoryIssues(DEFAULT_COMPLAINT_SETTINGS, 'delivery', 'delivery.late')).toEqual([]);
    expect(categoryIssues(DEFAULT_COMPLAINT_SETTINGS, 'other', null)).toEqual([]);
  });
  it('names the field that is outside the tree', () => {
    expect(categoryIssues(DEFAULT_COMPLAINT_SETTINGS, 'weather', null)).toEqual([{ path: 'args.complaint.category', message: 'unknown-category' }]);
    expect(categoryIssues(DEFAULT_COMPLAINT_SETTINGS, 'billing', 'delivery.late')).toEqual([{ path: 'args.complaint.subCategory', message: 'unknown-sub-category' }]);
  });
  it('knows the root-cause codes', () => {
    expect(rootCauseCodes(DEFAULT_COMPLAINT_SETTINGS).has('carrier')).toBe(true);
  });
});

describe('workflow refusals', () => {
  it('are conflicts carrying the workflow’s code on the field concerned', () => {
    const error = workflowRefusal({ code: 'invalid-transition', message: 'cannot acknowledge a complaint that is resolved' });
    expect(error).toEqual({ code: 'conflict', message: 'Cannot acknowledge a complaint that is resolved.', issues: [{ path: 'args.event.type', message: 'invalid-transition' }] });
    expect(complaintRefusalCode(error)).toBe('invalid-transition');
  });
  it('treat a root cause outside the list as bad input', () => {
    expect(workflowRefusal({ code: 'unknown-root-cause', message: 'x' })).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'args.event.rootCause', message: 'unknown-root-cause' }] });
  });
  it('has no specific code for other refusals', () => {
    expect(complaintRefusalCode({ code: 'forbidden' })).toBeNull();
  });
});

describe('settings checks', () => {
  it('refuse a code used twice, targets for unknown codes and a chain of strangers', () => {
    const settings = {
      ...DEFAULT_COMPLAINT_SETTINGS,
      categories: [...DEFAULT_COMPLAINT_SETTINGS.categories, { code: 'other-2', en: 'X', zh: 'X', children: [{ code: 'delivery.late', en: 'Late', zh: '晚' }] }],
      sla: { ...DEFAULT_COMPLAINT_SETTINGS.sla, byCategory: { weather: { firstResponseHours: {}, resolutionHours: { low: 1 } } } },
      chain: ['01JUSER000000000000000000A', '01JUSER000000000000000000B'],
    };
    expect(settingsIssues(settings, new Set(['01JUSER000000000000000000A']))).toEqual([
      { path: 'categories.5.children.0.code', message: 'delivery.late is used twice' },
      { path: 'sla.byCategory.weather', message: 'not a category or sub-category' },
      { path: 'chain.1', message: 'no such user' },
    ]);
  });
});
