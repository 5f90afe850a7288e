/**
 * Which column of a customer file holds what: each role (customer, date, amount, case,
 * frequency …) and the header names exports use for it.
 */

export type ColumnRole =
  | 'customer' | 'date' | 'amount' | 'quantity' | 'unitPrice' | 'order' | 'product' | 'description' | 'category' | 'group'
  | 'case' | 'activity' | 'timestamp'
  | 'frequency' | 'recency' | 'age' | 'monetary';

/** Column index per role (absent roles are not in the file). */
export type ColumnMapping = Partial<Record<ColumnRole, number>>;

const ROLE_HEADERS: Record<ColumnRole, string[]> = {
  // After the English names, those of European spreadsheets (German, French, Spanish, Dutch), whose CSVs use ";" and decimal commas.
  customer: ['customerid', 'customer', 'customerno', 'customernumber', 'clientid', 'client', 'userid', 'user', 'custid', 'buyer', 'memberid', 'email',
    'kunde', 'kundennummer', 'kundennr', 'kundenid', 'cliente', 'klant', 'klantnummer'],
  date: ['invoicedate', 'orderdate', 'date', 'purchasedate', 'transactiondate', 'datetime', 'createdat', 'created', 'time',
    'datum', 'bestelldatum', 'rechnungsdatum', 'fecha', 'besteldatum'],
  amount: ['amount', 'revenue', 'total', 'totalamount', 'ordervalue', 'value', 'sales', 'spend', 'dollars', 'dollarvalue', 'linetotal', 'price_total',
    'betrag', 'umsatz', 'summe', 'montant', 'importe', 'bedrag'],
  quantity: ['quantity', 'qty', 'units', 'count', 'cds', 'items'],
  unitPrice: ['unitprice', 'price', 'itemprice'],
  order: ['invoiceno', 'invoice', 'invoicenumber', 'orderid', 'order', 'orderno', 'ordernumber', 'transactionid', 'receipt'],
  product: ['stockcode', 'product', 'productid', 'sku', 'item', 'itemid', 'productcode'],
  description: ['description', 'productname', 'productdescription', 'itemdescription', 'itemname'],
  category: ['category', 'productcategory', 'department', 'segment'],
  group: ['group', 'variant', 'arm', 'cohort', 'treatment', 'campaign'],
  case: ['caseconceptname', 'caseid', 'case', 'journeyid', 'sessionid'],
  activity: ['conceptname', 'activity', 'event', 'eventname', 'touchpoint', 'step'],
  timestamp: ['timetimestamp', 'timestamp', 'eventtime'],
  frequency: ['frequency', 'x'],
  recency: ['recency', 'tx', 't_x'],
  age: ['t', 'age'],
  monetary: ['monetaryvalue', 'monetary', 'averagevalue', 'avgvalue', 'm'],
};

function normalise(header: string): string {
  return header.trim().toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The role of each header cell by name; the first column claiming a role wins. */
export function mapColumns(header: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const lookup = new Map<string, ColumnRole>();
  for (const [role, names] of Object.entries(ROLE_HEADERS) as [ColumnRole, string[]][]) {
    for (const name of names) if (!lookup.has(normalise(name))) lookup.set(normalise(name), role);
  }
  header.forEach((cell, index) => {
    const role = lookup.get(normalise(cell));
    if (role && mapping[role] === undefined) mapping[role] = index;
  });
  // Event logs often call their timestamp "date" or "time": if there is a case and an activity, it is the timestamp.
  if (mapping.case !== undefined && mapping.activity !== undefined && mapping.timestamp === undefined && mapping.date !== undefined) {
    mapping.timestamp = mapping.date;
    delete mapping.date;
  }
  return mapping;
}
