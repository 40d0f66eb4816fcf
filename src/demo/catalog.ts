/** Fixed vocabulary of the demo data set. Ids are minted per merchant by the generator. */

export interface Product {
  en: string;
  zh: string;
  sku: string;
  /** Unit price in TWD; other currencies scale it. */
  price: number;
  /** Variation labels (`fields_translations`), when the product has variations. */
  fields?: { en: string[]; zh: string[] };
}

export const PRODUCTS: readonly Product[] = [
  { en: 'Oolong Tea Gift Box', zh: '烏龍茶禮盒', sku: 'TEA-OOL-01', price: 880 },
  { en: 'Alishan High Mountain Tea', zh: '阿里山高山茶', sku: 'TEA-ALI-02', price: 1200 },
  { en: 'Pineapple Cake (12 pcs)', zh: '鳳梨酥（12入）', sku: 'SWT-PIN-12', price: 450 },
  { en: 'Ceramic Tea Cup', zh: '陶瓷茶杯', sku: 'CUP-CER-01', price: 320, fields: { en: ['white'], zh: ['白色'] } },
  { en: 'Linen Tote Bag', zh: '亞麻托特包', sku: 'BAG-LIN-01', price: 690, fields: { en: ['natural'], zh: ['原色'] } },
  { en: 'Cotton T-Shirt', zh: '純棉T恤', sku: 'TS-COT-M', price: 590, fields: { en: ['navy', 'M'], zh: ['深藍', 'M'] } },
  { en: 'Cotton T-Shirt', zh: '純棉T恤', sku: 'TS-COT-L', price: 590, fields: { en: ['black', 'L'], zh: ['黑色', 'L'] } },
  { en: 'Bamboo Chopsticks Set', zh: '竹筷組', sku: 'KIT-BAM-05', price: 260 },
  { en: 'Hand Cream 50ml', zh: '護手霜 50ml', sku: 'CAR-HND-50', price: 380 },
  { en: 'Sesame Oil 500ml', zh: '黑麻油 500ml', sku: 'FD-SES-500', price: 420 },
  { en: 'Dried Mango', zh: '芒果乾', sku: 'FD-MAN-200', price: 199 },
  { en: 'Wireless Earbuds', zh: '無線耳機', sku: 'EL-EAR-02', price: 2490, fields: { en: ['white'], zh: ['白色'] } },
  { en: 'Phone Case', zh: '手機殼', sku: 'EL-CAS-15', price: 490, fields: { en: ['clear'], zh: ['透明'] } },
  { en: 'Notebook A5', zh: 'A5 筆記本', sku: 'ST-NB-A5', price: 150 },
  { en: 'Fountain Pen', zh: '鋼筆', sku: 'ST-PEN-01', price: 1580 },
  { en: 'Yoga Mat', zh: '瑜珈墊', sku: 'SP-YOG-01', price: 990, fields: { en: ['purple'], zh: ['紫色'] } },
];

/** [name, e-mail local part]. */
export const CUSTOMERS: readonly (readonly [string, string])[] = [
  ['郭美玉', 'meiyu.kuo'], ['Grant Fong', 'grant.fong'], ['陳志明', 'zhiming.chen'],
  ['林雅婷', 'yating.lin'], ['Emily Chan', 'emily.chan'], ['王大同', 'datong.wang'],
  ['黃淑芬', 'shufen.huang'], ['Kevin Lee', 'kevin.lee'], ['張家豪', 'chiahao.chang'],
  ['李佩珊', 'peishan.li'], ['Sophia Wu', 'sophia.wu'], ['吳俊傑', 'junjie.wu'],
  ['蔡宜君', 'yichun.tsai'], ['Daniel Ho', 'daniel.ho'], ['劉怡君', 'yijun.liu'],
  ['楊承翰', 'chenghan.yang'], ['Grace Lam', 'grace.lam'], ['許文華', 'wenhua.hsu'],
  ['Jason Tsang', 'jason.tsang'], ['鄭美惠', 'meihui.cheng'],
];

export const EMAIL_DOMAINS = ['gmail.com', 'yahoo.com.tw', 'outlook.com', 'example.com'] as const;

export interface Place {
  countryCode: string;
  country: string;
  city: string;
  state: string | null;
  postcode: string | null;
  streets: readonly string[];
}

export const PLACES_TW: readonly Place[] = [
  { countryCode: 'TW', country: 'Taiwan', city: '台北市', state: '大安區', postcode: '106', streets: ['忠孝東路四段 100 號', '敦化南路一段 233 號'] },
  { countryCode: 'TW', country: 'Taiwan', city: '新北市', state: '板橋區', postcode: '220', streets: ['文化路一段 50 號', '中山路二段 8 號'] },
  { countryCode: 'TW', country: 'Taiwan', city: '台中市', state: '西屯區', postcode: '407', streets: ['台灣大道三段 99 號'] },
  { countryCode: 'TW', country: 'Taiwan', city: '高雄市', state: '苓雅區', postcode: '802', streets: ['四維三路 2 號', '中正一路 120 號'] },
  { countryCode: 'TW', country: 'Taiwan', city: '台南市', state: '東區', postcode: '701', streets: ['大學路 1 號'] },
];

export const PLACES_HK: readonly Place[] = [
  { countryCode: 'HK', country: 'Hong Kong', city: 'Kowloon', state: null, postcode: null, streets: ['Flat 12B, 88 Nathan Road', '3/F, 15 Argyle Street'] },
  { countryCode: 'HK', country: 'Hong Kong', city: 'Hong Kong Island', state: null, postcode: null, streets: ['Unit 5, 200 Queen\'s Road Central', '21/F, 1 Hennessy Road'] },
  { countryCode: 'HK', country: 'Hong Kong', city: 'New Territories', state: null, postcode: null, streets: ['Block C, 33 Sha Tin Centre Street'] },
];

export interface PaymentMethod {
  type: string;
  en: string;
  zh: string;
  /** Card payments carry `last_four_digits`. */
  card?: boolean;
}

export const PAYMENT_METHODS: readonly PaymentMethod[] = [
  { type: 'two_checkout', en: 'Credit Card', zh: '信用卡', card: true },
  { type: 'bank_transfer', en: 'Bank Transfer', zh: '銀行轉帳' },
  { type: 'cash_on_delivery', en: 'Cash on Delivery', zh: '貨到付款' },
  { type: 'line_pay', en: 'LINE Pay', zh: 'LINE Pay' },
  { type: 'stripe', en: 'Apple Pay', zh: 'Apple Pay', card: true },
  { type: 'pos_cash', en: 'Cash (POS)', zh: '現金（門市）' },
];

export type DeliveryPlatform = 'post' | 'pickup' | 'custom' | 'store_pickup';

export interface DeliveryOption {
  platform: DeliveryPlatform;
  /** `en` may be empty, as in the order-search example. */
  en: string;
  zh: string;
  fee: number;
}

export const DELIVERY_OPTIONS: readonly DeliveryOption[] = [
  { platform: 'post', en: 'Home Delivery (Black Cat)', zh: '宅配（黑貓）', fee: 120 },
  { platform: 'post', en: 'SF Express', zh: '順豐速運', fee: 160 },
  { platform: 'store_pickup', en: '7-ELEVEN Pickup', zh: '7-11 取貨', fee: 60 },
  { platform: 'store_pickup', en: 'FamilyMart Pickup', zh: '全家取貨', fee: 60 },
  { platform: 'pickup', en: 'Pick up in store', zh: '門市自取', fee: 0 },
  { platform: 'custom', en: '', zh: '郵寄', fee: 80 },
];

/** Convenience-store branches for store pickup (`location_code`, `location_name`). */
export const PICKUP_STORES: readonly (readonly [string, string])[] = [
  ['F012345', '全家 大安店'], ['F023456', '全家 板橋文化店'], ['711-98765', '7-11 忠孝門市'],
  ['711-87654', '7-11 西屯門市'], ['711-76543', '7-11 苓雅門市'],
];

/** Staff: `userId` is their integer id in status history and change history. */
export const STAFF: readonly { name: string; userId: number }[] = [
  { name: 'Amy Lin', userId: 2 }, { name: 'Ben Chou', userId: 6 }, { name: 'Cathy Yeh', userId: 7 },
  { name: 'David Kao', userId: 8 }, { name: 'shop', userId: 1 },
];

export const APPLICATIONS: readonly string[] = ['Shopline POS', 'Order Sync Connector', 'Invoice Bot'];

export interface TraceSender {
  pid: number;
  pfname: string;
  plname: string;
  cid: number;
  cname: string;
}

export const TRACE_SENDERS: readonly TraceSender[] = [
  { pid: 201, pfname: 'Marcus', plname: 'Leen', cid: 76, cname: 'Henderson Inc' },
  { pid: 562, pfname: 'John', plname: 'Mann', cid: 537, cname: 'Translation Profis' },
  { pid: 1, pfname: 'Platform', plname: 'Admin', cid: 1, cname: 'Order Hub' },
  { pid: 318, pfname: 'Mei', plname: 'Chen', cid: 76, cname: 'Henderson Inc' },
  { pid: 447, pfname: 'Tobias', plname: 'Krüger', cid: 212, cname: 'Krüger Logistik' },
  { pid: 690, pfname: 'Aiko', plname: 'Sato', cid: 305, cname: 'Sato Trading' },
];

/** Pids of people since deleted: upstream sends only `pid`, the rest null. */
export const DELETED_SENDER_PIDS: readonly number[] = [733, 815];

export const TRACE_STATUSES: readonly (readonly [number, string])[] = [
  [1, 'New'], [2, 'In progress'], [3, 'Ready for delivery'], [4, 'Delivered'], [5, 'Completed'], [6, 'Cancelled'],
];

export const TRACE_MESSAGES: readonly string[] = [
  'Thank you for this information', 'We will deliver tomorrow, a day earlier :-)',
  'Could you confirm the delivery address?', 'Order received, we are checking stock.',
  'Deadline moved at the customer\'s request.', 'Status changed automatically.',
  'Please call before delivery.', 'The parcel left our warehouse.',
];

export const CANCEL_REASONS: readonly string[] = [
  'Ordered by mistake', 'Found a better price', 'Delivery takes too long', 'Want to change items', 'Out of stock',
];

export const PAYMENT_REASONS: readonly string[] = [
  'Payment confirmed by gateway', 'Customer requested refund', 'Transfer received', 'Payment window expired', '',
];

export const PROCEDURE_TEXTS: readonly string[] = [
  'Order imported from shop.', 'Payment received.', 'Manually set by staff.', 'Shipment label created.',
  'Carrier confirmed delivery.', 'Cancelled on customer request.', 'Esse voluptates consequatur.',
];

export const STATUS_COMMENTS: readonly string[] = [
  'Items arrival is expected tomorrow', 'Waiting for the customer to confirm', 'Packed, waiting for pickup',
  'Customer asked for gift wrapping',
];

export const SHIPMENT_FAILURES: readonly string[] = [
  'Carrier API timeout', 'Invalid recipient phone number', 'Store is closed for renovation',
  'Shipment already cancelled by carrier',
];

export const ORDER_REMARKS: readonly string[] = ['', '', '', 'Please deliver after 6pm', 'Gift wrap, no invoice inside', '請勿按電鈴'];

export const AFFILIATE_SOURCES: readonly string[] = ['instagram', 'line_oa', 'kol_amy', 'google_ads'];

export interface Promotion {
  en: string;
  zh: string;
  discountType: 'amount' | 'percentage';
  /** TWD amount or percent. */
  value: number;
}

export const PROMOTIONS: readonly Promotion[] = [
  { en: 'Spring Sale', zh: '春季特賣', discountType: 'percentage', value: 10 },
  { en: 'Members NT$100 Off', zh: '會員折抵100', discountType: 'amount', value: 100 },
  { en: 'Buy 2 Save 15%', zh: '任選兩件85折', discountType: 'percentage', value: 15 },
  { en: 'Free Gift Campaign', zh: '滿額贈', discountType: 'amount', value: 50 },
];

/** Change-history directory codes. */
export const CRM_STATUS_CODES: readonly string[] = [
  'new', 'availability-confirmed', 'assembling', 'send-to-delivery', 'delivering', 'complete', 'completed',
];
export const CRM_PAYMENT_CODES: readonly string[] = ['not-paid', 'invoice', 'paid', 'returned'];
export const CRM_DELIVERY_TYPES: readonly string[] = ['courier', 'self-delivery', 'sf-express', 'store-pickup'];
