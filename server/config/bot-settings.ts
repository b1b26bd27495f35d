/**
 * The shop config mapped onto what the bot takes as plain inputs (bot/ never reads the config itself):
 * the facts answers quote, the names that are the shop's own, and the dialogue flows' settings.
 */
import type { ShopFacts } from '../../bot/answers/render-answer.ts';
import { enabledFlows, type FlowSettings } from '../../bot/flows/registry.ts';
import { businessCalendar } from './shop-calendar.ts';
import type { ShopConfig } from './shop-config-schema.ts';

/** Maps the shop config onto the facts answers use. */
export function shopFacts(shop: ShopConfig): ShopFacts {
  return {
    name: shop.name,
    supportEmail: shop.supportEmail,
    supportPhone: shop.supportPhone,
    supportHours: shop.supportHours,
    myPageUrl: shop.myPageUrl,
    cutoffTime: shop.shipping.cutoffTime,
    shippingFee: shop.shipping.fee,
    freeShippingThreshold: shop.shipping.freeShippingThreshold,
    codFee: shop.shipping.codFee,
    carrier: shop.shipping.carrier,
    returnDays: shop.returnDays,
    changeDeadlineDays: shop.changeDeadlineDays,
  };
}

/**
 * Names that are the shop's own although they may contain another company's name (its name, its carrier):
 * the engine's other-company rule leaves them in scope (bot/nlu/other-company.ts).
 */
export function ownNames(shop: ShopConfig): string[] {
  return [shop.name.ja, shop.name.en, shop.shipping.carrier.ja, shop.shipping.carrier.en];
}

/** Maps the shop config onto the facts the dialogue flows use. */
export function flowSettings(shop: ShopConfig): FlowSettings {
  const facts = {
    myPageUrl: shop.myPageUrl,
    changeDeadlineDays: shop.changeDeadlineDays,
    orderNumberPattern: shop.orderNumberPattern,
    calendar: businessCalendar(shop),
    cutoffTime: shop.shipping.cutoffTime,
    leadDays: shop.shipping.leadDays,
    preorders: shop.shipping.preorders,
    returnDays: shop.returnDays,
    ...(shop.sizing ? { sizing: shop.sizing } : {}),
  };
  return { ...facts, enabled: enabledFlows(shop.flows, facts), config: shop.flows };
}
