/**
 * Maps the shop config onto the business calendar bot/ works with (bot/ never reads the config file).
 */
import type { BusinessCalendar } from '../../bot/calendar/business-calendar.ts';
import type { ShopConfig } from './shop-config-schema.ts';

/** The shop's business calendar, in the shop's time zone. */
export function businessCalendar(shop: ShopConfig): BusinessCalendar {
  return {
    timeZone: shop.timeZone,
    hours: shop.calendar.hours,
    closedOnNationalHolidays: shop.calendar.closedOnNationalHolidays,
    closures: shop.calendar.closures,
    specialDays: shop.calendar.specialDays,
  };
}
