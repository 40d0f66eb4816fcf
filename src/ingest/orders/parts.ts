/**
 * The sub-objects of an order-search order that the API serves whole: payment, delivery, delivery
 * address, delivery data and invoice. Each is read member by member into its JSON column's shape
 * (`db/json.ts`), values as sent; `order_payment.payment_data` (gateway payloads) is left out.
 */
import type { DeliveryAddressJson, DeliveryDataJson, DeliveryJson, InvoiceJson, PaymentJson } from '../../db/json.js';
import { membersOf as readerOf, type JsonObject } from '../values.js';

export function paymentOf(o: JsonObject, path: string): PaymentJson {
  const r = readerOf(o, path);
  return { total: r.money('total'), last_four_digits: r.text('last_four_digits'), created_at: r.instant('created_at'), updated_at: r.instant('updated_at') };
}

export function deliveryOf(o: JsonObject, path: string): DeliveryJson {
  const r = readerOf(o, path);
  return {
    status: r.text('status'),
    delivery_status: r.text('delivery_status'),
    remark: r.text('remark'),
    return_order_id: r.text('return_order_id'),
    request_accepted_at: r.instant('request_accepted_at'),
    request_authorized_at: r.instant('request_authorized_at'),
    request_submitted_at: r.instant('request_submitted_at'),
    requested_fmt_at: r.instant('requested_fmt_at'),
    store_closed_at: r.instant('store_closed_at'),
    storeclosed_upload_at: r.instant('storeclosed_upload_at'),
    require_expired_upload: r.flag('require_expired_upload'),
    require_storeclosed_upload: r.flag('require_storeclosed_upload'),
  };
}

export function deliveryAddressOf(o: JsonObject, path: string): DeliveryAddressJson {
  const r = readerOf(o, path);
  return {
    country_code: r.text('country_code'),
    country: r.text('country'),
    state: r.text('state'),
    city: r.text('city'),
    postcode: r.text('postcode'),
    address_1: r.text('address_1'),
    address_2: r.text('address_2'),
    recipient_name: r.text('recipient_name'),
    recipient_phone: r.text('recipient_phone'),
    remarks: r.text('remarks'),
  };
}

export function deliveryDataOf(o: JsonObject, path: string): DeliveryDataJson {
  const r = readerOf(o, path);
  return {
    recipient_name: r.text('recipient_name'),
    recipient_phone: r.text('recipient_phone'),
    tracking_number: r.text('tracking_number'),
    url: r.text('url'),
    location_code: r.text('location_code'),
    location_name: r.text('location_name'),
    name_translations: r.lang('name_translations'),
    store_address: r.text('store_address'),
    hk_sfplus_home_region: r.text('hk_sfplus_home_region'),
    time_slot_key: r.text('time_slot_key'),
    time_slot_translations: r.lang('time_slot_translations'),
  };
}

export function invoiceOf(o: JsonObject, path: string): InvoiceJson {
  const r = readerOf(o, path);
  return {
    tax_id: r.text('tax_id'),
    mailing_address: r.text('mailing_address'),
    invoice_type: r.text('invoice_type'),
    buyer_name: r.text('buyer_name'),
    carrier_type: r.text('carrier_type'),
    carrier_number: r.text('carrier_number'),
    n_p_o_b_a_n: r.text('n_p_o_b_a_n'),
    invoice_tax_type: r.text('invoice_tax_type'),
    invoice_number: r.text('invoice_number'),
    invoice_status: r.text('invoice_status'),
    invoice_date: r.instant('invoice_date'),
    invoice_cancelled_at: r.instant('invoice_cancelled_at'),
  };
}
