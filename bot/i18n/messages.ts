/**
 * Every sentence the bot says that is not a corpus answer, in Japanese first and English second. The
 * `satisfies` check makes a missing English (or Japanese) string a type error.
 */
import type { Locale } from '../nlu/types.ts';

const ja = {
  clarify: 'ご質問は次のどれに近いでしょうか？ 当てはまるものを選んでください。',
  rephrase:
    '申し訳ありません、うまく理解できませんでした。別の言葉で言い換えていただくか、下のよくあるご質問からお選びください。',
  handoffRepeated: 'お役に立てず申し訳ありません。担当スタッフが確認してメールでご返信します。',
  handoffRequested: '承知しました。担当スタッフがメールでご返信します。',
  handoffLowConfidence: 'ご質問に確実にお答えできないため、担当スタッフが確認してメールでご返信します。',
  handoffAskEmail: 'ご返信先のメールアドレスを入力してください（例: taro@example.jp）。',
  handoffEmailNoted: 'ご返信は `{{email}}` にお送りします。違う場合は、正しいアドレスを入力してください。',
  handoffAskSummary:
    'よろしければ、ご用件を一言で入力してください（{{max}}文字まで）。不要なら「スキップ」を押してください。',
  handoffSkip: 'スキップ',
  handoffCancel: 'やめる',
  handoffCancelled: '承知しました。ほかにご質問があれば、お気軽にどうぞ。',
  handoffEmailEmpty: 'メールアドレスを入力してください。',
  handoffEmailLineBreak:
    'メールアドレスに改行や制御文字は使えません。アドレスだけを1行で入力してください（例: taro@example.jp）。',
  handoffEmailSpace:
    'メールアドレスに空白は使えません。アドレスだけを入力してください（例: taro@example.jp）。',
  handoffEmailForbiddenCharacter:
    'メールアドレスに < > ( ) , ; : " などの記号は使えません。アドレスだけを入力してください（例: taro@example.jp）。',
  handoffEmailTooLong: 'メールアドレスが長すぎます。254文字以内で入力してください。',
  handoffEmailFormat:
    'メールアドレスの形式が正しくないようです。例: taro@example.jp の形で入力してください。',
  handoffEmailAgain:
    'スタッフからのご返信が必要でしたら、メールアドレスを入力してください。不要でしたら「やめる」を押してください。',
  handoffEmailHowToLeave: 'スタッフからのご返信が不要でしたら「やめる」を押してください。',
  handoffSummaryTooLong: 'ご用件は{{max}}文字以内でお願いします。',
  handoffDone: '担当スタッフにお問い合わせ内容をお送りしました。ご返信先: `{{email}}`',
  handoffPromiseOpen: '{{promise}}を目安にご返信します。',
  handoffPromiseByToday: '本日{{time}}までを目安にご返信します。',
  handoffPromiseBy: '{{when}}までを目安にご返信します。',
  handoffPromiseLaterToday: 'ただいま営業時間外のため、本日{{time}}以降にご返信します。',
  handoffPromiseNextDay: 'ただいま営業時間外のため、{{when}}以降にご返信します。',
  handoffPromiseUnknown: '担当スタッフより順次ご返信します。',
  handoffTicket: '受付番号: {{ticket}}',
  greetingLateNight: '遅くまでお疲れさまです。',
  greetingMorning: 'おはようございます。',
  greetingDaytime: 'こんにちは。',
  greetingEvening: 'こんばんは。',
  greetingOpen:
    '{{salutation}}ご不明な点はありませんか？ 定期便・お届け・お支払いのことなど、チャットでお気軽にどうぞ。',
  greetingClosed:
    '{{salutation}}ただいま営業時間外ですが、チャットの自動応答ならいますぐお答えします。スタッフは{{when}}から対応します。',
  greetingClosedUnknown:
    '{{salutation}}ただいま営業時間外ですが、チャットの自動応答ならいますぐお答えします。',
  greetingWhenToday: '本日{{time}}',
  dateTime: '{{date}} {{time}}',
  timeOfDay: '{{hour}}:{{minute}}',
  weekdayNames: '日,月,火,水,木,金,土',
  monthNames: '1月,2月,3月,4月,5月,6月,7月,8月,9月,10月,11月,12月',
  mailSubject: '【{{shopName}}】チャットからのお問い合わせ：{{reason}}{{closed}} #{{ticket}}',
  mailClosedMark: '（営業時間外）',
  mailReasonUserRequested: 'お客様がスタッフを希望',
  mailReasonRepeatedFallback: 'ボットが続けて回答できず',
  mailReasonLowConfidence: 'ボットの確信度が低い',
  mailIntro:
    'チャットボットからお問い合わせを引き継ぎました。このメールに返信すると、お客様（{{email}}）に届きます。',
  mailTicket: '受付番号',
  mailReason: '理由',
  mailDecision: 'ボットの判定',
  mailReceivedAt: '受付日時',
  mailPromise: 'お客様への案内',
  mailReplyTo: '返信先',
  mailSummary: 'ご用件',
  mailLocale: 'お客様の言語',
  mailEntities: '抽出した情報',
  mailConsole: '管理画面',
  mailTranscript: '会話の記録',
  mailShopper: 'お客様',
  mailBot: 'ボット',
  mailNone: 'なし',
  mailScore: 'スコア',
  mailEntityOrderNumber: '注文番号',
  mailEntityPhone: '電話番号',
  mailEntityEmail: 'メールアドレス',
  mailEntityPostalCode: '郵便番号',
  mailCopySubject: '【{{shopName}}】お問い合わせを受け付けました #{{ticket}}',
  mailCopyIntro: 'チャットでのお問い合わせを受け付けました。以下はその控えです。',
  mailCopyFooter: 'このメールにご返信いただくと、担当スタッフに届きます。',
  handoffCaseLead: '担当スタッフが内容を確認してメールでご連絡します。',
  handoffCasePending:
    'ご依頼はまだ受け付けていません。ご返信先のメールアドレスをいただいた時点で、担当スタッフへのご依頼として受け付けます。',
  shortDate: '{{month}}月{{day}}日({{weekday}})',
  cancelAskReason:
    'ご利用いただきありがとうございました。差し支えなければ、解約をお考えの理由を教えてください。',
  cancelReasonSurplus: '使い切れない・余っている',
  cancelReasonSkin: '肌に合わない',
  cancelReasonPrice: '価格',
  cancelReasonOther: 'その他',
  cancelOfferInterval:
    '商品が余っている場合は、解約せずに**お届け周期を延ばす**こともできます（例: 1ヶ月ごと → 2ヶ月ごと）。周期を変えて続けてみませんか？',
  cancelOfferSwitch:
    'お肌に合わなかったとのこと、申し訳ありません。解約せずに**敏感肌向けの商品に切り替える**こともできます。切り替えてみませんか？',
  cancelOfferSkip:
    '次回のお届けを**1回お休み（スキップ）**すれば、その回のお支払いは発生しません。スキップして続けてみませんか？',
  cancelOfferPause:
    '解約せずに定期便を**休止**して、お好きなときに再開することもできます。休止にしてみませんか？',
  cancelAcceptInterval: '周期を変える',
  cancelAcceptSwitch: '商品を切り替える',
  cancelAcceptSkip: 'スキップする',
  cancelAcceptPause: '休止する',
  cancelProceed: 'やはり解約する',
  cancelRetainedInterval:
    'ありがとうございます。お届け周期は[マイページ]({{myPageUrl}})の「定期便の確認・変更」→「お届け周期」から変更できます（次回発送の{{days}}日前まで）。{{interval}}',
  cancelRetainedSwitch:
    'ありがとうございます。お届け商品は[マイページ]({{myPageUrl}})の「定期便の確認・変更」→「商品の変更」から切り替えられます（次回発送の{{days}}日前まで）。',
  cancelRetainedSkip:
    'ありがとうございます。[マイページ]({{myPageUrl}})の「定期便の確認・変更」→「次回をスキップ」でお休みできます（次回発送の{{days}}日前まで）。',
  cancelRetainedPause:
    'ありがとうございます。[マイページ]({{myPageUrl}})の「定期便の確認・変更」→「休止する」で休止でき、再開も同じ画面からできます（次回発送の{{days}}日前まで）。',
  cancelIntervalChosen: 'ご希望の周期: {{interval}}',
  cancelSteps:
    '承知しました。解約は[マイページ]({{myPageUrl}})の「定期便の確認・変更」→「解約する」からお手続きいただけます（次回発送の{{days}}日前まで）。マイページを使えない場合は、注文番号を入力していただければこちらで解約を受け付けます。',
  cancelSelf: 'マイページで手続きする',
  cancelSelfDone:
    '承知しました。これまでのご利用ありがとうございました。ほかにご質問があれば、お気軽にどうぞ。',
  cancelOrderAgain: '注文番号の形式が違うようです。ご注文確認メールに記載の注文番号を入力してください。',
  cancelCase: '定期便の解約のご依頼（注文番号: {{order}}、理由: {{reason}}）',
  cancelRequestLead: '解約のご依頼を承りました。担当スタッフが手続きして、完了をメールでお知らせします。',
  intervalMonths: '{{count}}ヶ月ごと',
  intervalWeeks: '{{count}}週間ごと',
  intervalDays: '{{count}}日ごと',
  shipWhenAsk:
    '今ご注文いただくと{{ship}}に発送します。お届け先の都道府県を教えていただければ、お届け予定日をお調べします。',
  shipWhenAnswer: '今ご注文いただくと{{ship}}に発送、{{prefecture}}へは{{delivery}}お届け予定です。',
  shipWhenCutoffPassed: '本日の発送受付（{{cutoff}}）は締め切りました。',
  shipPreorder: '{{product}}は予約商品です。{{ship}}に発送予定です。',
  shipPreorderDelivery:
    '{{product}}は予約商品です。{{ship}}に発送、{{prefecture}}へは{{delivery}}お届け予定です。',
  defectApology:
    'ご迷惑をおかけして大変申し訳ございません。すぐに対応いたしますので、注文番号を教えてください（ご注文確認メールに記載されています）。',
  defectUnknownOrder: '注文番号がわからない',
  defectAskProblem: 'ありがとうございます。どのような状態でしたか？',
  defectDamaged: '破損・汚れがあった',
  defectWrongItem: '違う商品が届いた',
  defectMissing: '数が足りない',
  defectOther: 'その他',
  defectPromise:
    '状況を承りました。**交換品を先にお送りします**ので、お手元の商品を先にご返送いただく必要はありません。写真があれば、担当スタッフからのメールにご返信いただく際に添付いただけると確認が早く進みます（任意です）。',
  defectCase: '不良品・誤配送のご連絡（注文番号: {{order}}、内容: {{problem}}）',
  defectOrderUnknown: '不明',
  sizingAskSize:
    'サイズ選びをお手伝いします。普段のサイズを教えてください。シューズなら「24.5cm」のようにcmで、ウェアならS・M・Lからお選びください。',
  sizingAskSizeAgain:
    'サイズが読み取れませんでした。シューズは「24.5cm」のように、ウェアはS・M・Lで教えてください。',
  sizingAskShoeSize:
    'シューズのサイズ選びをお手伝いします。普段の靴のサイズを「24.5cm」のようにcmで教えてください。',
  sizingAskShoeSizeAgain:
    'サイズが読み取れませんでした。普段の靴のサイズを「24.5cm」のように教えてください。',
  sizingAskFoot: '普段は{{size}}ですね。足の形はどれに近いですか？',
  sizingAskFootAgain: '足の形を「甲高」「幅広」「普通」からお選びください。',
  sizingFootHigh: '甲高',
  sizingFootWide: '幅広',
  sizingFootNormal: '普通',
  sizingFootHighPhrase: '甲高',
  sizingFootWidePhrase: '幅広',
  sizingFootHighWidePhrase: '甲高・幅広',
  sizingAskHeight: '普段は{{size}}サイズですね。身長を教えてください（例: 160cm）。',
  sizingAskHeightAgain: '身長が読み取れませんでした。「160cm」のように教えてください。',
  sizingShoeUsual: '普段どおりの**{{size}}**がおすすめです。',
  sizingShoeLarger: '{{foot}}の方には、普段より{{adjust}}大きい**{{size}}**がおすすめです。',
  sizingShoeOutOfRange:
    '申し訳ありません。シューズは{{min}}〜{{max}}の展開のため、おすすめの{{size}}はご用意がありません。',
  sizingApparel:
    '身長{{height}}cmでしたら**{{size}}サイズ**がおすすめです（{{size}}は身長{{range}}が目安です）。',
  sizingApparelBetween: '普段の{{usual}}サイズと迷われる場合は、大きいほうの{{larger}}サイズが安心です。',
  sizingApparelOutOfRange:
    '申し訳ありません。ウェアのサイズ表は身長{{max}}cmまでのため、身長{{height}}cmに合うサイズをご案内できません。各商品ページのサイズ表（着丈・身幅）をご確認ください。',
  sizingHeightRange: '{{from}}〜{{to}}cm',
  sizingHeightUpTo: '〜{{to}}cm',
  sizingExchange:
    '万一合わなかった場合も、商品到着から{{days}}日以内・未着用であれば**別サイズへの交換が1回無料**です（[マイページ]({{myPageUrl}})の「注文履歴」からお申し込みください）。',
  subOfferHere:
    'マイページを使わずに、このチャットで{{what}}を承ることもできます。ご希望の場合は、注文番号を入力してください（ご注文確認メールに記載されています）。',
  subOfferStaff:
    'マイページが使えない場合は、注文番号を入力していただければ、担当スタッフが{{what}}を代わりに手続きします。',
  subSelf: 'マイページで手続きする',
  subSelfDone: '承知しました。ほかにご質問があれば、お気軽にどうぞ。',
  subAskOrder: '注文番号を入力してください（ご注文確認メールに記載されています）。',
  subOrderAgain: '注文番号の形式が違うようです。ご注文確認メールに記載の注文番号を入力してください。',
  subAskInterval: 'ご希望のお届け周期を教えてください（例: 2ヶ月ごと、45日ごと）。',
  subIntervalAgain: 'お届け周期が読み取れませんでした。「2ヶ月ごと」「45日ごと」のように入力してください。',
  subAskItems: 'どの商品をどのように変更しますか？（例: 化粧水を2本に）',
  subConfirm: '次の内容で手続きします。よろしいですか？\n\n- 注文番号: {{order}}\n- 内容: {{what}}',
  subConfirmYes: '手続きする',
  subConfirmNo: 'やめる',
  subConfirmAgain: '「手続きする」か「やめる」を選んでください。',
  subAborted: '承知しました。変更は行っていません。マイページからもいつでも変更できます。',
  subDone: '手続きが完了しました（注文番号: {{order}}、{{what}}）。内容はマイページでもご確認いただけます。',
  subFailed:
    '申し訳ありません。ただいま手続きの完了を確認できませんでした（注文番号: {{order}}、{{what}}）。もう一度お試しいただくか、担当スタッフに手続きをご依頼ください。',
  subRetry: 'もう一度試す',
  subAskStaff: 'スタッフに依頼する',
  subRequestLead: 'ご依頼を承りました。担当スタッフが手続きして、完了をメールでお知らせします。',
  subCase: '定期便の変更のご依頼（注文番号: {{order}}、内容: {{what}}）',
  subNounInterval: 'お届け周期の変更',
  subNounSkip: '次回のスキップ',
  subNounPause: '定期便の休止',
  subNounItems: '商品・数量の変更',
  subWhatInterval: 'お届け周期を{{interval}}に変更',
  subWhatSkip: '次回のお届けをスキップ',
  subWhatPause: '定期便を休止',
  subWhatItems: '商品・数量を変更（{{items}}）',
  errorTooLong: 'メッセージが長すぎます。{{max}}文字以内でお送りください。',
  errorInvalid: 'メッセージを読み取れませんでした。もう一度お試しください。',
  errorInternal: '申し訳ありません、ただいま応答できません。少し時間をおいてお試しください。',
  errorNotReady: 'ただいま準備中です。数秒後にもう一度お送りください。',
  errorRateLimited: '送信の間隔が短すぎます。少し待ってから、もう一度お送りください。',
  errorClientRateLimited:
    'お使いの接続元からのメッセージが多すぎます。1分ほど待ってから、もう一度お送りください。',
  errorHandoffRateLimited:
    'お使いの接続元からのスタッフへのお問い合わせが集中しています。数分待ってから、もう一度お送りください。',
  mailFloodSubject: '【{{shopName}}】警告：同じ接続元からの問い合わせが集中しています（{{client}}）',
  mailFloodBody:
    '接続元 {{client}} からのスタッフへの引き継ぎが上限（1分あたり{{perMinute}}件、一度に{{burst}}件まで）を超えたため、{{time}} から受け付けを断っています。断った引き継ぎはメールになりません。この接続元について次の警告は{{minutes}}分後まで送りません。攻撃と思われる場合は、この接続元を遮断してください。',
  // Stands where a configured privacy pattern matched in a stored shopper message (server/privacy/).
  privacyRedacted: '[非表示]',
} as const;

type MessageKey = keyof typeof ja;

const en = {
  clarify: 'Which of these is closest to your question? Please pick one.',
  rephrase:
    "Sorry, I didn't quite understand. Could you rephrase it, or pick one of the common questions below?",
  handoffRepeated: "Sorry I couldn't help. A member of our staff will look into it and reply by email.",
  handoffRequested: 'Of course. A member of our staff will reply by email.',
  handoffLowConfidence:
    "I can't answer that with confidence, so a member of our staff will look into it and reply by email.",
  handoffAskEmail: 'Which email address should we reply to? (for example taro@example.com)',
  handoffEmailNoted: "We'll reply to `{{email}}`. If that's wrong, please type the right address.",
  handoffAskSummary:
    'If you like, tell us in a few words what it is about (up to {{max}} characters). Otherwise press "Skip".',
  handoffSkip: 'Skip',
  handoffCancel: 'Cancel',
  handoffCancelled: 'All right. If you have any other question, just ask.',
  handoffEmailEmpty: 'Please type your email address.',
  handoffEmailLineBreak:
    'An email address cannot contain line breaks or control characters. Please type only the address, on one line (for example taro@example.com).',
  handoffEmailSpace:
    'An email address cannot contain spaces. Please type only the address (for example taro@example.com).',
  handoffEmailForbiddenCharacter:
    'An email address cannot contain symbols such as < > ( ) , ; : ". Please type only the address (for example taro@example.com).',
  handoffEmailTooLong: 'That email address is too long. Please keep it within 254 characters.',
  handoffEmailFormat: "That doesn't look like an email address. Please type it like taro@example.com.",
  handoffEmailAgain:
    'If you still want a reply from our staff, type your email address. If not, press Cancel.',
  handoffEmailHowToLeave: "If you don't need a reply from our staff, press Cancel.",
  handoffSummaryTooLong: 'Please keep it within {{max}} characters.',
  handoffDone: 'I have passed your question on to our staff. Reply to: `{{email}}`',
  handoffPromiseOpen: 'We will reply {{promise}}.',
  handoffPromiseByToday: 'We will reply by {{time}} today.',
  handoffPromiseBy: 'We will reply by {{when}}.',
  handoffPromiseLaterToday: "We're closed right now, so we will reply after {{time}} today.",
  handoffPromiseNextDay: "We're closed right now, so we will reply after {{when}}.",
  handoffPromiseUnknown: 'Our staff will reply as soon as they can.',
  handoffTicket: 'Reference: {{ticket}}',
  greetingLateNight: 'Thank you for stopping by so late.',
  greetingMorning: 'Good morning!',
  greetingDaytime: 'Hello!',
  greetingEvening: 'Good evening!',
  greetingOpen: '{{salutation}} Any questions? Ask us about your subscription, delivery or payment here.',
  greetingClosed:
    "{{salutation}} We're closed right now, but I can answer your questions straight away. Our staff are back {{when}}.",
  greetingClosedUnknown:
    "{{salutation}} We're closed right now, but I can answer your questions straight away.",
  greetingWhenToday: 'today at {{time}}',
  dateTime: '{{date}}, {{time}}',
  timeOfDay: '{{hour2}}:{{minute}}',
  weekdayNames: 'Sun,Mon,Tue,Wed,Thu,Fri,Sat',
  monthNames: 'Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec',
  mailSubject: '[{{shopName}}] Chat handoff: {{reason}}{{closed}} #{{ticket}}',
  mailClosedMark: ' (after hours)',
  mailReasonUserRequested: 'shopper asked for staff',
  mailReasonRepeatedFallback: 'bot could not answer twice in a row',
  mailReasonLowConfidence: 'bot not confident',
  mailIntro:
    'The chatbot handed this conversation over to you. Replying to this mail reaches the shopper ({{email}}).',
  mailTicket: 'Reference',
  mailReason: 'Reason',
  mailDecision: 'Bot decision',
  mailReceivedAt: 'Received',
  mailPromise: 'Told the shopper',
  mailReplyTo: 'Reply to',
  mailSummary: 'Summary',
  mailLocale: 'Shopper language',
  mailEntities: 'Extracted',
  mailConsole: 'Console',
  mailTranscript: 'Transcript',
  mailShopper: 'Shopper',
  mailBot: 'Bot',
  mailNone: 'none',
  mailScore: 'score',
  mailEntityOrderNumber: 'Order number',
  mailEntityPhone: 'Phone',
  mailEntityEmail: 'Email',
  mailEntityPostalCode: 'Postal code',
  mailCopySubject: '[{{shopName}}] We have received your question #{{ticket}}',
  mailCopyIntro: 'We have received your question from the chat. This is your copy.',
  mailCopyFooter: 'Replying to this mail reaches our staff.',
  handoffCaseLead: 'A member of our staff will look into it and get back to you by email.',
  handoffCasePending:
    'Your request is not recorded yet: it goes to our staff as soon as you give us an email address to reply to.',
  shortDate: '{{weekday}}, {{monthName}} {{day}}',
  cancelAskReason: "Thank you for staying with us so far. If you don't mind, why would you like to cancel?",
  cancelReasonSurplus: 'I have too much left',
  cancelReasonSkin: "It doesn't suit my skin",
  cancelReasonPrice: 'Price',
  cancelReasonOther: 'Something else',
  cancelOfferInterval:
    'If you have product left over, you can **deliver less often** instead of cancelling (for example every 2 months instead of every month). Would you like to change the interval?',
  cancelOfferSwitch:
    "Sorry it didn't suit your skin. Instead of cancelling, you can **switch to our sensitive-skin product**. Would you like to switch?",
  cancelOfferSkip:
    "If you **skip the next delivery**, you won't be charged for it. Would you like to skip instead?",
  cancelOfferPause:
    'Instead of cancelling, you can **pause** your subscription and resume whenever you like. Would you like to pause?',
  cancelAcceptInterval: 'Change the interval',
  cancelAcceptSwitch: 'Switch product',
  cancelAcceptSkip: 'Skip next delivery',
  cancelAcceptPause: 'Pause',
  cancelProceed: 'Cancel anyway',
  cancelRetainedInterval:
    'Thank you! You can change the interval on [My Page]({{myPageUrl}}) under "Subscription" → "Delivery interval" (up to {{days}} days before the next shipment). {{interval}}',
  cancelRetainedSwitch:
    'Thank you! You can switch the product on [My Page]({{myPageUrl}}) under "Subscription" → "Change items" (up to {{days}} days before the next shipment).',
  cancelRetainedSkip:
    'Thank you! You can skip on [My Page]({{myPageUrl}}) under "Subscription" → "Skip next delivery" (up to {{days}} days before the next shipment).',
  cancelRetainedPause:
    'Thank you! You can pause on [My Page]({{myPageUrl}}) under "Subscription" → "Pause", and resume on the same page (up to {{days}} days before the next shipment).',
  cancelIntervalChosen: 'Your new interval: {{interval}}',
  cancelSteps:
    'Understood. You can cancel on [My Page]({{myPageUrl}}) under "Subscription" → "Cancel" (up to {{days}} days before the next shipment). If you cannot use My Page, type your order number and we will take your cancellation here.',
  cancelSelf: "I'll do it on My Page",
  cancelSelfDone: 'All right. Thank you for having been with us. If you have any other question, just ask.',
  cancelOrderAgain:
    "That doesn't look like an order number. Please type the order number from your order confirmation email.",
  cancelCase: 'Subscription cancellation request (order number: {{order}}, reason: {{reason}})',
  cancelRequestLead:
    'We have received your cancellation request. Our staff will process it and confirm by email.',
  intervalMonths: 'every {{count}} months',
  intervalWeeks: 'every {{count}} weeks',
  intervalDays: 'every {{count}} days',
  shipWhenAsk:
    'If you order now, we ship on {{ship}}. Tell me the prefecture you are shipping to and I will work out the delivery date.',
  shipWhenAnswer:
    'If you order now, we ship on {{ship}} and it should arrive in {{prefecture}} on {{delivery}}.',
  shipWhenCutoffPassed: "Today's shipping cut-off ({{cutoff}}) has passed.",
  shipPreorder: '{{product}} is a pre-order item. It ships on {{ship}}.',
  shipPreorderDelivery:
    '{{product}} is a pre-order item. It ships on {{ship}} and should arrive in {{prefecture}} on {{delivery}}.',
  defectApology:
    "We are very sorry for the trouble. We'll sort it out right away: what is your order number? (It is in your order confirmation email.)",
  defectUnknownOrder: "I don't know it",
  defectAskProblem: 'Thank you. What was wrong with it?',
  defectDamaged: 'Damaged or dirty',
  defectWrongItem: 'Wrong item',
  defectMissing: 'Items missing',
  defectOther: 'Something else',
  defectPromise:
    "Thank you for letting us know. **We will send the replacement first**: you don't have to send anything back before it arrives. If you have a photo, you can attach it when you reply to our staff's email (optional).",
  defectCase: 'Defective or wrong item (order number: {{order}}, problem: {{problem}})',
  defectOrderUnknown: 'unknown',
  sizingAskSize:
    'Happy to help you choose a size. What size do you usually wear? For shoes, type it in cm (like 24.5cm); for apparel, choose S, M or L.',
  sizingAskSizeAgain:
    "Sorry, I couldn't read the size. For shoes, type it like 24.5cm; for apparel, choose S, M or L.",
  sizingAskShoeSize:
    'Happy to help you choose a shoe size. What size do you usually wear, in cm (like 24.5cm)?',
  sizingAskShoeSizeAgain:
    "Sorry, I couldn't read the size. Please type your usual shoe size in cm, like 24.5cm.",
  sizingAskFoot: 'You usually wear {{size}}. Which is closest to your feet?',
  sizingAskFootAgain: 'Please choose High instep, Wide feet or Regular.',
  sizingFootHigh: 'High instep',
  sizingFootWide: 'Wide feet',
  sizingFootNormal: 'Regular',
  sizingFootHighPhrase: 'a high instep',
  sizingFootWidePhrase: 'wide feet',
  sizingFootHighWidePhrase: 'a high instep and wide feet',
  sizingAskHeight: 'You usually wear size {{size}}. How tall are you? (for example 160cm)',
  sizingAskHeightAgain: "Sorry, I couldn't read your height. Please type it like 160cm.",
  sizingShoeUsual: 'We recommend your usual size, **{{size}}**.',
  sizingShoeLarger: 'With {{foot}}, we recommend **{{size}}**, {{adjust}} larger than usual.',
  sizingShoeOutOfRange:
    "Sorry, our shoes come in {{min}} to {{max}}, so we don't have the {{size}} we would recommend.",
  sizingApparel: 'At {{height}}cm, we recommend **size {{size}}** (size {{size}} fits heights {{range}}).',
  sizingApparelBetween:
    "If you're torn between it and your usual {{usual}}, the larger one ({{larger}}) is the safer choice.",
  sizingApparelOutOfRange:
    "Sorry, our apparel size chart only goes up to {{max}}cm, so I can't recommend a size for {{height}}cm. Please check the size chart (length, width) on each product page.",
  sizingHeightRange: '{{from}}–{{to}}cm',
  sizingHeightUpTo: 'up to {{to}}cm',
  sizingExchange:
    'If it doesn\'t fit, you can **exchange it for another size once for free** within {{days}} days of delivery if unworn (from "Order history" on [My Page]({{myPageUrl}})).',
  subOfferHere:
    'You can also have it done right here: type your order number (it is in your order confirmation email) and I will arrange the {{what}}.',
  subOfferStaff:
    "If you can't use My Page, type your order number and our staff will take care of the {{what}} for you.",
  subSelf: "I'll do it on My Page",
  subSelfDone: 'All right. If you have any other question, just ask.',
  subAskOrder: 'Please type your order number (it is in your order confirmation email).',
  subOrderAgain:
    "That doesn't look like an order number. Please type the order number from your order confirmation email.",
  subAskInterval: 'How often would you like your deliveries? (for example every 2 months, every 45 days)',
  subIntervalAgain:
    'Sorry, I couldn\'t read the interval. Please type it like "every 2 months" or "every 45 days".',
  subAskItems: 'Which items would you like to change, and how? (for example "2 bottles of toner")',
  subConfirm: 'Shall I go ahead with this?\n\n- Order number: {{order}}\n- Change: {{what}}',
  subConfirmYes: 'Go ahead',
  subConfirmNo: "Don't change",
  subConfirmAgain: 'Please choose "Go ahead" or "Don\'t change".',
  subAborted: 'All right, nothing has been changed. You can also make changes on My Page any time.',
  subDone:
    'Your request has gone through (order number {{order}}: {{what}}). You can also see it on My Page.',
  subFailed:
    "Sorry, I couldn't confirm that the change went through (order number {{order}}: {{what}}). Please try again, or ask our staff to make the change for you.",
  subRetry: 'Try again',
  subAskStaff: 'Ask our staff',
  subRequestLead: 'We have received your request. Our staff will make the change and confirm by email.',
  subCase: 'Subscription change request (order number: {{order}}, change: {{what}})',
  subNounInterval: 'interval change',
  subNounSkip: 'skip',
  subNounPause: 'pause',
  subNounItems: 'change of items',
  subWhatInterval: 'change the delivery interval to {{interval}}',
  subWhatSkip: 'skip the next delivery',
  subWhatPause: 'pause the subscription',
  subWhatItems: 'change the items ({{items}})',
  errorTooLong: 'That message is too long. Please keep it within {{max}} characters.',
  errorInvalid: "Sorry, I couldn't read that message. Please try again.",
  errorInternal: "Sorry, I can't answer right now. Please try again in a moment.",
  errorNotReady: "I'm still starting up. Please send that again in a few seconds.",
  errorRateLimited: "You're sending messages too quickly. Please wait a moment and send that again.",
  errorClientRateLimited: 'Too many messages from your network. Please wait a minute and send that again.',
  errorHandoffRateLimited:
    'Too many requests for our staff from your network right now. Please wait a few minutes and send that again.',
  mailFloodSubject: '[{{shopName}}] Warning: a flood of handoffs from one client ({{client}})',
  mailFloodBody:
    'Handoffs from {{client}} went over the limit ({{perMinute}} a minute, {{burst}} at once) and have been refused since {{time}}. Refused handoffs send no mail. No further warning about this client is sent for {{minutes}} minutes. If this is an attack, block this client.',
  privacyRedacted: '[redacted]',
} satisfies Record<MessageKey, string>;

const tables: Record<Locale, Record<MessageKey, string>> = { ja, en };

/** A bot sentence in a locale, with {{name}} parameters filled. */
export function message(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return tables[locale][key].replace(/\{\{(\w+)\}\}/gu, (_, name: string) => String(params[name] ?? ''));
}

export type { MessageKey };
