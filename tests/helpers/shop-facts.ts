/** Shop facts for bot-level tests (what the server maps shop.yaml onto), shared so every test greets the same shop. */
import type { ShopFacts } from '../../bot/answers/render-answer.ts';

export const TEST_SHOP: ShopFacts = {
  name: { ja: 'テスト店', en: 'Test Shop' },
  supportEmail: 'support@shop.example',
  supportPhone: '0120-000-000',
  supportHours: { ja: '平日10〜18時', en: 'weekdays 10–18' },
  myPageUrl: 'https://shop.example/mypage',
  cutoffTime: '14:00',
  shippingFee: 550,
  freeShippingThreshold: 5000,
  codFee: 330,
  carrier: { ja: 'ヤマト運輸', en: 'Yamato' },
  returnDays: 8,
  changeDeadlineDays: 7,
};
