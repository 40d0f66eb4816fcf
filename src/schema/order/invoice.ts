/** `OrderInvoice`: the order's invoice (upstream `invoice`), every member as sent ("" where the shop issued none). */
import type { InvoiceJson } from '../../db/json.js';
import { builder } from '../builder.js';

export const OrderInvoiceRef = builder.objectRef<InvoiceJson>('OrderInvoice').implement({
  description: 'The invoice of an order (upstream `invoice`), as sent: members are "" until the shop issues one.',
  fields: (t) => ({
    number: t.string({ nullable: true, description: 'The invoice number (upstream `invoice_number`).', resolve: (i) => i.invoice_number }),
    status: t.string({ nullable: true, description: 'The invoice status (upstream `invoice_status`), e.g. active.', resolve: (i) => i.invoice_status }),
    date: t.field({ type: 'DateTime', nullable: true, description: 'When it was issued (upstream `invoice_date`).', resolve: (i) => i.invoice_date }),
    cancelledAt: t.field({ type: 'DateTime', nullable: true, description: 'When it was cancelled (upstream `invoice_cancelled_at`).', resolve: (i) => i.invoice_cancelled_at }),
    type: t.string({ nullable: true, description: 'The kind of invoice (upstream `invoice_type`).', resolve: (i) => i.invoice_type }),
    taxType: t.string({ nullable: true, description: 'The tax type (upstream `invoice_tax_type`).', resolve: (i) => i.invoice_tax_type }),
    buyerName: t.string({ nullable: true, description: 'The buyer named on it.', resolve: (i) => i.buyer_name }),
    taxId: t.string({ nullable: true, description: "The buyer's tax id.", resolve: (i) => i.tax_id }),
    mailingAddress: t.string({ nullable: true, description: 'Where a paper invoice is mailed.', resolve: (i) => i.mailing_address }),
    carrierType: t.string({ nullable: true, description: 'The e-invoice carrier type (upstream `carrier_type`).', resolve: (i) => i.carrier_type }),
    carrierNumber: t.string({ nullable: true, description: 'The e-invoice carrier number (upstream `carrier_number`).', resolve: (i) => i.carrier_number }),
    npoBan: t.string({ nullable: true, description: 'The charity the invoice is donated to (upstream `n_p_o_b_a_n`).', resolve: (i) => i.n_p_o_b_a_n }),
  }),
});
