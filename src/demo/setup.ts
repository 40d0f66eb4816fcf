/** Per-merchant vocabulary with minted ids: products, customers, methods, promotions, staff. */
import {
  APPLICATIONS,
  CUSTOMERS,
  DELIVERY_OPTIONS,
  EMAIL_DOMAINS,
  PAYMENT_METHODS,
  PLACES_HK,
  PLACES_TW,
  PRODUCTS,
  PROMOTIONS,
  STAFF,
  type DeliveryOption,
  type PaymentMethod,
  type Place,
  type Product,
  type Promotion,
} from './catalog.js';
import { DAY, HKD, TWD, type Currency } from './format.js';
import { ObjectIds, Rng } from './random.js';

export interface Customer {
  id: string;
  name: string;
  email: string;
  phone: string;
}

export interface MerchantSetup {
  merchantId: string;
  /** Site code change history uses in `order.site`. */
  site: string;
  currency: Currency;
  now: number;
  places: readonly Place[];
  ids: ObjectIds;
  products: { product: Product; itemId: string; variationId: string | null; variationKey: string | null }[];
  customers: Customer[];
  payments: { id: string; method: PaymentMethod }[];
  deliveries: { id: string; option: DeliveryOption }[];
  promotions: { id: string; promotion: Promotion; createdAt: number }[];
  staff: { id: string; name: string; userId: number }[];
  apps: { id: string; name: string }[];
  /** First integer order id in status history and in change history (they differ, as upstreams do). */
  statusHistoryBase: number;
  historyChangesBase: number;
  /** TWD catalog price in this merchant's currency. */
  price(twd: number): number;
}

export interface MerchantProfile {
  merchantId: string;
  site: string;
  currency: 'TWD' | 'HKD';
  statusHistoryBase: number;
  historyChangesBase: number;
}

export function phoneNumber(rng: Rng, countryCode: string): string {
  return countryCode === 'HK' ? rng.pick(['5', '6', '9']) + rng.digits(7) : '09' + rng.digits(8);
}

export function buildSetup(rng: Rng, profile: MerchantProfile, now: number): MerchantSetup {
  const ids = new ObjectIds(rng);
  const hk = profile.currency === 'HKD';
  const currency = hk ? HKD : TWD;
  const places = hk ? PLACES_HK : PLACES_TW;
  // Catalog objects predate every order.
  const catalogTime = () => rng.between(now - 900 * DAY, now - 200 * DAY);
  return {
    merchantId: profile.merchantId,
    site: profile.site,
    currency,
    now,
    places,
    ids,
    products: PRODUCTS.map((product) => {
      const variation = product.fields !== undefined;
      return {
        product,
        itemId: ids.next(catalogTime()),
        variationId: variation ? ids.next(catalogTime()) : null,
        variationKey: variation ? ids.next(catalogTime()) : null,
      };
    }),
    customers: CUSTOMERS.map(([name, local]) => ({
      id: ids.next(catalogTime()),
      name,
      email: `${local}@${rng.pick(EMAIL_DOMAINS)}`,
      phone: phoneNumber(rng, places[0]?.countryCode ?? 'TW'),
    })),
    payments: PAYMENT_METHODS.map((method) => ({ id: ids.next(catalogTime()), method })),
    deliveries: DELIVERY_OPTIONS.map((option) => ({ id: ids.next(catalogTime()), option })),
    promotions: PROMOTIONS.map((promotion) => {
      const createdAt = rng.between(now - 150 * DAY, now - 130 * DAY);
      return { id: ids.next(createdAt), promotion, createdAt };
    }),
    staff: STAFF.map((s) => ({ id: ids.next(catalogTime()), name: s.name, userId: s.userId })),
    apps: APPLICATIONS.map((name) => ({ id: ids.next(catalogTime()), name })),
    statusHistoryBase: profile.statusHistoryBase,
    historyChangesBase: profile.historyChangesBase,
    // HKD prices land on whole or half dollars.
    price: (twd) => (hk ? Math.max(0.5, Math.round((twd / 4) * 2) / 2) : twd),
  };
}
