import type { ComplaintSettings } from '../protocol/complaints';
import { EscalationSettingsSchema } from './escalation';
import { DEFAULT_COMPLAINT_SLA_SETTINGS } from './sla';

/**
 * What complaints start with until an administrator saves their own: a
 * category tree a retail service desk recognises, the root causes its
 * reviews count, and the two messages the customer receives. The templates
 * fill `{customerName}`, `{complaintNumber}` and `{resolution}`.
 */
export const DEFAULT_COMPLAINT_SETTINGS: ComplaintSettings = {
  categories: [
    {
      code: 'product',
      en: 'Product',
      zh: '产品',
      children: [
        { code: 'product.defect', en: 'Faulty or broken', zh: '质量问题' },
        { code: 'product.not-as-described', en: 'Not as described', zh: '与描述不符' },
        { code: 'product.missing-parts', en: 'Missing parts', zh: '缺少配件' },
      ],
    },
    {
      code: 'delivery',
      en: 'Delivery',
      zh: '配送',
      children: [
        { code: 'delivery.late', en: 'Late delivery', zh: '配送延误' },
        { code: 'delivery.damaged', en: 'Damaged in transit', zh: '运输损坏' },
        { code: 'delivery.lost', en: 'Lost parcel', zh: '包裹丢失' },
      ],
    },
    {
      code: 'billing',
      en: 'Billing',
      zh: '账单',
      children: [
        { code: 'billing.double-charge', en: 'Charged twice', zh: '重复扣款' },
        { code: 'billing.refund-delay', en: 'Refund not received', zh: '退款未到账' },
        { code: 'billing.wrong-amount', en: 'Wrong amount', zh: '金额错误' },
      ],
    },
    {
      code: 'service',
      en: 'Service',
      zh: '服务',
      children: [
        { code: 'service.staff-attitude', en: 'Staff attitude', zh: '服务态度' },
        { code: 'service.long-wait', en: 'Long wait', zh: '等待时间过长' },
        { code: 'service.no-callback', en: 'Promised callback not made', zh: '未按约回电' },
      ],
    },
    { code: 'other', en: 'Other', zh: '其他', children: [] },
  ],
  rootCauses: [
    { code: 'supplier-quality', en: 'Supplier quality', zh: '供应商质量' },
    { code: 'warehouse-error', en: 'Warehouse error', zh: '仓储差错' },
    { code: 'carrier', en: 'Carrier', zh: '物流承运商' },
    { code: 'system-error', en: 'System error', zh: '系统故障' },
    { code: 'process-gap', en: 'Process gap', zh: '流程缺陷' },
    { code: 'staff-error', en: 'Staff error', zh: '员工失误' },
    { code: 'customer-misunderstanding', en: 'Customer misunderstanding', zh: '客户误解' },
    { code: 'no-fault-found', en: 'No fault found', zh: '未发现问题' },
  ],
  sla: DEFAULT_COMPLAINT_SLA_SETTINGS,
  escalation: EscalationSettingsSchema.parse({}),
  templates: {
    acknowledge: {
      en: {
        subject: 'We have received your complaint {complaintNumber}',
        body: 'Dear {customerName},\n\nThank you for telling us. We have logged your complaint as {complaintNumber} and are looking into it. We will keep you informed.\n\nCustomer Service',
      },
      zh: {
        subject: '我们已收到您的投诉 {complaintNumber}',
        body: '尊敬的{customerName}：\n\n感谢您的反馈。您的投诉已登记，编号 {complaintNumber}，我们正在处理，并会及时告知进展。\n\n客户服务中心',
      },
    },
    resolve: {
      en: {
        subject: 'Your complaint {complaintNumber} is resolved',
        body: 'Dear {customerName},\n\nYour complaint {complaintNumber} has been resolved:\n\n{resolution}\n\nIf anything is still not right, simply reply and we will reopen it.\n\nCustomer Service',
      },
      zh: {
        subject: '您的投诉 {complaintNumber} 已处理完毕',
        body: '尊敬的{customerName}：\n\n您的投诉 {complaintNumber} 已处理：\n\n{resolution}\n\n如仍有问题，请直接回复，我们将重新跟进。\n\n客户服务中心',
      },
    },
  },
};
