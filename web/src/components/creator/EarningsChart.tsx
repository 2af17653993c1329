/** Net earnings per day or month in one currency. */
import type { Earnings } from '../../api/types';
import { BarChart } from '../charts/BarChart';
import { formatMoney } from './money';

export function EarningsChart({ earnings, currency }: { earnings: Earnings; currency: string }) {
  const net = new Map(earnings.buckets.filter((b) => b.currency === currency).map((b) => [b.start, b.net]));
  return <BarChart period={earnings.period} from={earnings.from} to={earnings.to} values={net} title="Net earnings" qualifier={`in ${currency}`} format={(v) => formatMoney(v, currency)} />;
}
