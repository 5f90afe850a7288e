/**
 * The customer file open in the Customers section: its analysis (from the worker) and the
 * person's choices about it. Customer data stays in this tab's memory; it never enters a share
 * link.
 */
import type { CustomerReport } from '../engine/customerReport.ts';
import type { DateFormat } from '../engine/dates.ts';
import { EngineClient } from '../worker/client.ts';

export class CustomerData {
  fileName = $state('');
  report = $state.raw<CustomerReport | null>(null);
  loading = $state(false);
  private text = '';

  async load(fileName: string, text: string, dateFormat?: DateFormat): Promise<void> {
    this.fileName = fileName;
    this.text = text;
    this.loading = true;
    this.report = await EngineClient.analyzeCustomers(text, dateFormat);
    this.loading = false;
  }

  /** Re-reads the file with the date order the person chose. */
  async chooseDateFormat(dateFormat: DateFormat): Promise<void> {
    await this.load(this.fileName, this.text, dateFormat);
  }
}
