"""Everyday phrasing of ordinary users: Korean, Japanese, Chinese, Vietnamese, Indonesian, Thai.

Each bank: templates (one a line, slots in braces), slot values separated by "|" (dish,
place, ill, item, who, phrase, topic), pasted paragraphs for {para}, openers, closers,
follow-ups and reply sentences; "join" is how reply sentences are joined.
"""

from __future__ import annotations

BANKS: dict[str, dict] = {
    "ko": {
        "templates": """
{place} 이번 주말 날씨 어때? 우산 챙겨야 할까?
다음 주에 {place} 가는데 옷 뭐 입고 가면 돼?
{dish} 레시피 알려줘. 2인분 기준으로
{dish} 만들 때 제일 중요한 게 뭐야?
냉장고에 돼지고기랑 양파, 두부 있는데 {dish} 만들 수 있을까?
{place} 2박 3일 여행 코스 짜줘
{place}에서 꼭 먹어봐야 할 음식 추천해줘
부모님 모시고 {place} 가려는데 많이 안 걷는 코스 있을까?
{ill} 있을 때 집에서 할 수 있는 거 뭐 있어?
요즘 {ill} 때문에 힘든데 병원 가야 할까?
{ill}에 좋은 음식 있어?
50만 원 이하 {item} 추천해줘
{item} 살 때 뭘 제일 봐야 해?
{item} 지금 사는 게 나아, 세일 기다리는 게 나아?
{who}께 보낼 감사 메시지 써줘. 너무 딱딱하지 않게
{who}한테 내일 못 간다고 정중하게 문자 보내고 싶어. 써줘
{who}께 드릴 새해 인사 문구 몇 개만 써줘
'{phrase}' 영어로 뭐라고 해?
'{phrase}' 일본어로 자연스럽게 번역해줘
{topic}에 대해 간단히 설명해줘
초등학생도 이해할 수 있게 {topic} 설명해줘
{topic} 요즘 왜 뉴스에 자주 나와?
다음 글 세 줄로 요약해줘:\n{para}
이거 무슨 내용인지 간단히 알려줘\n\n{para}
아침에 일찍 일어나는 습관 만들려면 어떻게 해야 돼?
이번 달 생활비 아끼는 방법 좀 알려줘
""",
        "dish": "김치찌개|된장찌개|잡채|떡볶이|닭볶음탕|김밥",
        "place": "제주도|부산|강릉|경주|전주|여수",
        "ill": "두통|불면증|허리 통증|목감기|소화불량",
        "item": "노트북|무선 이어폰|공기청정기|운동화|전기밥솥",
        "who": "팀장님|집주인|거래처 담당자|담임 선생님",
        "phrase": "잘 부탁드립니다|수고하셨습니다|입맛이 없다|눈치가 빠르다|오늘 고생 많았어",
        "topic": "인플레이션|블록체인|광합성|금리 인상|탄소중립",
        "paras": (
            "서울시는 다음 달부터 지하철 기본요금을 150원 인상한다고 밝혔다. 시는 적자가 "
            "계속 늘어 요금 조정이 불가피하다고 설명했다. 다만 청소년과 어르신 할인은 그대로 "
            "유지된다.",
            "우리 아파트는 다음 주 화요일 오전 9시부터 오후 5시까지 엘리베이터 정기 점검을 "
            "실시합니다. 점검 시간에는 엘리베이터를 이용하실 수 없으니 양해 부탁드립니다.",
        ),
        "open": "안녕하세요|저기|질문 하나만 할게요|궁금한 게 있는데",
        "close": "감사합니다|고마워요|부탁해요",
        "follow": "좀 더 짧게 정리해줘|다른 방법은 없어?|고마워! 그럼 비용은 얼마나 들어?|"
        "그거 예시 하나만 들어줘|좀 더 자연스럽게 바꿔줘",
        "reply": "좋은 질문이에요.|핵심만 간단히 정리해 드릴게요.|먼저 기본부터 차근차근 "
        "해 보세요.|상황에 따라 조금씩 다를 수 있어요.|더 자세한 설명이 필요하시면 말씀해 "
        "주세요.|보통은 이렇게 하시면 충분해요.",
        "join": " ",
    },
    "ja": {
        "templates": """
今週末の{place}の天気ってどんな感じ？傘いるかな
来週{place}に行くんだけど、どんな服装がいい？
{dish}の作り方を教えて。2人分で
{dish}を美味しく作るコツは？
冷蔵庫に豚肉と玉ねぎと卵しかないけど、{dish}作れる？
{place}で2泊3日のおすすめプランを考えて
{place}で絶対食べるべきものって何？
親と{place}に行くんだけど、あまり歩かないコースある？
{ill}のとき家でできることってある？
最近{ill}がひどいんだけど、病院に行ったほうがいい？
{ill}に効く食べ物ってある？
5万円以内でおすすめの{item}は？
{item}を買うときに一番見るべきポイントは？
{item}って今買うべき？それともセールを待つべき？
{who}へのお礼のメッセージを書いて。堅すぎない感じで
{who}に明日行けないことを丁寧に伝えるメールを書いてほしい
{who}への年末の挨拶文をいくつか考えて
「{phrase}」って英語でなんて言う？
「{phrase}」を自然な英語に訳して
{topic}について簡単に説明して
小学生にもわかるように{topic}を説明してほしい
{topic}って最近なんでよくニュースになってるの？
次の文章を3行で要約して：\n{para}
これ何が書いてあるか簡単に教えて\n\n{para}
朝早く起きる習慣をつけるにはどうしたらいい？
今月の食費を節約する方法を教えて
""",
        "dish": "肉じゃが|親子丼|カレー|味噌汁|ハンバーグ|お好み焼き",
        "place": "京都|沖縄|札幌|金沢|福岡|箱根",
        "ill": "頭痛|不眠|腰痛|喉の痛み|胃もたれ",
        "item": "ノートパソコン|ワイヤレスイヤホン|空気清浄機|ランニングシューズ|炊飯器",
        "who": "上司|大家さん|取引先の担当者|子どもの担任の先生",
        "phrase": "よろしくお願いします|お疲れ様です|いただきます|空気を読む|もったいない",
        "topic": "インフレ|ブロックチェーン|光合成|円安|カーボンニュートラル",
        "paras": (
            "市は来月から家庭ごみの収集日を変更すると発表した。燃えるごみは月曜と木曜、資源ごみは"
            "第2・第4水曜に回収される。詳しくは市のホームページで確認できる。",
            "当マンションでは来週火曜日の午前9時から午後5時まで、エレベーターの定期点検を行い"
            "ます。点検中はご利用いただけませんので、ご了承ください。",
        ),
        "open": "こんにちは|すみません、質問です|ちょっと聞きたいんだけど",
        "close": "ありがとう|よろしくお願いします|助かります",
        "follow": "もう少し短くまとめて|他の方法はある？|ありがとう！費用はどれくらい？|"
        "例をひとつ挙げて|もっと自然な言い方にして",
        "reply": "いい質問ですね。|ポイントを簡単にまとめます。|まずは基本から少しずつ試して"
        "みてください。|状況によって少し変わることもあります。|もっと詳しく知りたければ"
        "聞いてください。|たいていはこれで十分です。",
        "join": "",
    },
    "zh": {
        "templates": """
这个周末{place}天气怎么样？要带伞吗？
下周去{place}，穿什么衣服比较合适？
{dish}怎么做？两个人的分量
做{dish}有什么小窍门吗？
冰箱里只有猪肉、洋葱和鸡蛋，能做{dish}吗？
帮我安排一个{place}三天两夜的行程
去{place}一定要吃什么？
带父母去{place}，有没有不用走太多路的路线？
{ill}的时候在家可以做些什么缓解？
最近{ill}很严重，需要去医院吗？
有什么食物对{ill}有帮助？
三千块以内有什么好的{item}推荐？
买{item}最应该注意什么？
{item}现在买好还是等打折？
帮我写一段给{who}的感谢信息，不要太正式
我明天去不了，帮我给{who}写一条礼貌的消息
帮我想几句给{who}的新年祝福
“{phrase}”用英语怎么说？
把“{phrase}”翻译成自然的英文
简单解释一下什么是{topic}
用小学生能听懂的话解释{topic}
为什么最近新闻里老是提到{topic}？
把下面这段话总结成三句话：\n{para}
这段话讲的是什么？简单说一下\n\n{para}
怎么养成早起的习惯？
这个月想省点生活费，有什么办法？
""",
        "dish": "红烧肉|番茄炒蛋|宫保鸡丁|麻婆豆腐|饺子|酸辣汤",
        "place": "台北|香港|新加坡|槟城|台南|高雄",
        "ill": "头痛|失眠|腰疼|嗓子疼|消化不良",
        "item": "笔记本电脑|无线耳机|空气净化器|跑鞋|电饭锅",
        "who": "老板|房东|客户|孩子的班主任",
        "phrase": "辛苦了|慢慢来|加油|一言难尽|麻烦你了",
        "topic": "通货膨胀|区块链|光合作用|利率上升|碳中和",
        "paras": (
            "市政府宣布，从下个月起公交车票价将上调两元。官员表示，燃料和人工成本持续上涨，"
            "调价是不得已的决定。学生和长者的优惠保持不变。",
            "本大楼将于下周二上午九点至下午五点进行电梯定期检修。检修期间电梯暂停使用，"
            "给您带来不便，敬请谅解。",
        ),
        "open": "你好|请问一下|想问个问题",
        "close": "谢谢|谢谢啦|麻烦了",
        "follow": "能再简短一点吗？|还有别的办法吗？|谢谢！大概要花多少钱？|举个例子吧|"
        "说得再自然一点",
        "reply": "好问题。|我简单整理一下重点。|建议先从最基本的开始，一步一步来。|"
        "具体情况可能会有所不同。|如果需要更详细的说明，请告诉我。|一般来说这样就够了。",
        "join": "",
    },
    "vi": {
        "templates": """
Cuối tuần này thời tiết ở {place} thế nào? Có cần mang ô không?
Tuần sau mình đi {place}, nên mặc gì cho hợp?
Cách nấu {dish} cho 2 người ăn
Nấu {dish} sao cho ngon, có mẹo gì không?
Tủ lạnh chỉ có thịt heo, hành tây với trứng, nấu {dish} được không?
Lên giúp mình lịch trình 3 ngày 2 đêm ở {place}
Đi {place} thì nhất định phải ăn món gì?
Đưa bố mẹ đi {place}, có lịch trình nào ít phải đi bộ không?
Bị {ill} thì ở nhà có thể làm gì cho đỡ?
Dạo này {ill} nặng quá, có nên đi khám không?
Ăn gì thì tốt cho người bị {ill}?
Tư vấn giúp mình {item} dưới 10 triệu
Mua {item} thì nên chú ý điều gì nhất?
Có nên mua {item} bây giờ hay đợi giảm giá?
Viết giúp mình tin nhắn cảm ơn gửi {who}, đừng quá trang trọng
Mai mình không đến được, viết giúp tin nhắn lịch sự gửi {who}
Gợi ý vài câu chúc Tết gửi {who}
"{phrase}" tiếng Anh nói thế nào?
Dịch "{phrase}" sang tiếng Anh cho tự nhiên
Giải thích ngắn gọn {topic} là gì
Giải thích {topic} sao cho học sinh tiểu học cũng hiểu
Sao dạo này báo chí hay nói về {topic} vậy?
Tóm tắt đoạn sau trong 3 câu:\n{para}
Đoạn này nói về cái gì, tóm tắt giúp mình\n\n{para}
Làm sao để tập thói quen dậy sớm?
Tháng này muốn tiết kiệm tiền ăn uống thì làm thế nào?
""",
        "dish": "phở bò|canh chua|thịt kho trứng|bún chả|gỏi cuốn|cá kho tộ",
        "place": "Đà Lạt|Hội An|Đà Nẵng|Sa Pa|Phú Quốc|Huế",
        "ill": "đau đầu|mất ngủ|đau lưng|viêm họng|đầy bụng",
        "item": "laptop|tai nghe không dây|máy lọc không khí|giày chạy bộ|nồi cơm điện",
        "who": "sếp|chủ nhà|khách hàng|cô giáo chủ nhiệm của con",
        "phrase": "ăn cơm chưa|cảm ơn vì đã vất vả|từ từ thôi|không sao đâu|chúc ngon miệng",
        "topic": "lạm phát|blockchain|quang hợp|lãi suất tăng|trung hòa carbon",
        "paras": (
            "Thành phố thông báo từ tháng sau giá vé xe buýt sẽ tăng thêm 2.000 đồng. Theo lãnh "
            "đạo sở, chi phí nhiên liệu và nhân công tăng liên tục nên việc điều chỉnh là cần "
            "thiết. Học sinh và người cao tuổi vẫn được giảm giá như cũ.",
            "Ban quản lý tòa nhà xin thông báo: thứ Ba tuần sau, từ 9 giờ sáng đến 5 giờ chiều "
            "sẽ bảo trì thang máy định kỳ. Trong thời gian này thang máy tạm ngừng hoạt động, "
            "mong quý cư dân thông cảm.",
        ),
        "open": "chào bạn|cho mình hỏi|mình có câu hỏi",
        "close": "cảm ơn nhé|cảm ơn bạn nhiều|nhờ bạn nhé",
        "follow": "ngắn gọn hơn được không?|còn cách nào khác không?|cảm ơn! tốn khoảng bao "
        "nhiêu tiền?|cho mình một ví dụ|viết lại tự nhiên hơn giúp mình",
        "reply": "Câu hỏi hay đấy.|Mình tóm tắt ngắn gọn những ý chính nhé.|Bạn nên bắt đầu "
        "từ những bước cơ bản trước.|Tùy từng trường hợp mà có thể khác một chút.|Nếu cần "
        "giải thích chi tiết hơn thì cứ hỏi nhé.|Thông thường làm như vậy là đủ.",
        "join": " ",
    },
    "id": {
        "templates": """
Cuaca di {place} akhir pekan ini gimana? Perlu bawa payung nggak?
Minggu depan aku ke {place}, enaknya pakai baju apa?
Resep {dish} untuk 2 orang dong
Ada tips biar {dish} buatan sendiri enak?
Di kulkas cuma ada ayam, bawang, sama telur. Bisa bikin {dish} nggak?
Buatin itinerary 3 hari 2 malam di {place}
Kalau ke {place}, makanan apa yang wajib dicoba?
Mau ajak orang tua ke {place}, ada rute yang nggak banyak jalan kaki?
Kalau lagi {ill}, apa yang bisa dilakukan di rumah?
Akhir-akhir ini {ill} parah banget, perlu ke dokter nggak?
Makanan apa yang bagus buat {ill}?
Rekomendasi {item} di bawah 5 juta
Kalau beli {item}, yang paling penting diperhatikan apa?
Mending beli {item} sekarang atau tunggu diskon?
Tolong buatin pesan terima kasih buat {who}, jangan terlalu formal
Besok aku nggak bisa datang, tolong tulis pesan sopan ke {who}
Kasih beberapa ucapan selamat Lebaran buat {who}
"{phrase}" bahasa Inggrisnya apa?
Terjemahkan "{phrase}" ke bahasa Inggris yang natural
Jelaskan singkat apa itu {topic}
Jelaskan {topic} biar anak SD juga paham
Kenapa {topic} sering banget dibahas di berita akhir-akhir ini?
Ringkas teks ini jadi 3 kalimat:\n{para}
Ini isinya tentang apa sih? Tolong jelasin singkat\n\n{para}
Gimana caranya biar terbiasa bangun pagi?
Bulan ini mau hemat uang makan, ada tips?
""",
        "dish": "nasi goreng|rendang|soto ayam|sayur asem|opor ayam|pisang goreng",
        "place": "Yogyakarta|Bali|Bandung|Malang|Labuan Bajo|Lombok",
        "ill": "sakit kepala|susah tidur|sakit punggung|radang tenggorokan|maag",
        "item": "laptop|earphone nirkabel|air purifier|sepatu lari|rice cooker",
        "who": "atasan|pemilik kos|klien|wali kelas anak",
        "phrase": "sudah makan belum|hati-hati di jalan|semangat ya|nggak enakan|"
        "mohon maaf lahir batin",
        "topic": "inflasi|blockchain|fotosintesis|kenaikan suku bunga|energi terbarukan",
        "paras": (
            "Pemerintah kota mengumumkan tarif bus kota akan naik Rp2.000 mulai bulan depan. "
            "Menurut dinas perhubungan, biaya bahan bakar dan operasional terus meningkat. "
            "Pelajar dan lansia tetap mendapat potongan harga.",
            "Diberitahukan kepada seluruh penghuni bahwa pada hari Selasa depan pukul 09.00 "
            "sampai 17.00 akan dilakukan perawatan rutin lift. Selama perawatan lift tidak dapat "
            "digunakan. Mohon maaf atas ketidaknyamanannya.",
        ),
        "open": "halo|mau tanya dong|permisi",
        "close": "makasih ya|terima kasih|thanks banget",
        "follow": "bisa lebih singkat?|ada cara lain nggak?|makasih! kira-kira habis berapa?|"
        "kasih contohnya satu dong|bikin lebih santai bahasanya",
        "reply": "Pertanyaan bagus.|Saya rangkum poin pentingnya ya.|Sebaiknya mulai dari "
        "langkah dasar dulu.|Bisa sedikit berbeda tergantung kondisinya.|Kalau perlu "
        "penjelasan lebih detail, tanya saja.|Biasanya cara ini sudah cukup.",
        "join": " ",
    },
    "th": {
        "templates": """
สุดสัปดาห์นี้อากาศที่{place}เป็นยังไงบ้าง ต้องพกร่มไหม
อาทิตย์หน้าจะไป{place} ควรแต่งตัวแบบไหนดี
สูตร{dish}สำหรับสองคน
ทำ{dish}ยังไงให้อร่อย มีเคล็ดลับไหม
ในตู้เย็นมีแค่หมู หอมใหญ่ กับไข่ ทำ{dish}ได้ไหม
ช่วยวางแผนเที่ยว{place} 3 วัน 2 คืนให้หน่อย
ไป{place}ต้องกินอะไรบ้าง
พาพ่อแม่ไป{place} มีเส้นทางที่ไม่ต้องเดินเยอะไหม
เวลามีอาการ{ill} ทำอะไรที่บ้านได้บ้าง
ช่วงนี้{ill}หนักมาก ควรไปหาหมอไหม
อาหารอะไรช่วยเรื่อง{ill}ได้บ้าง
แนะนำ{item}งบไม่เกินสองหมื่นบาท
ซื้อ{item}ควรดูอะไรเป็นหลัก
ควรซื้อ{item}ตอนนี้หรือรอลดราคาดี
ช่วยเขียนข้อความขอบคุณ{who} แบบไม่ทางการเกินไป
พรุ่งนี้ไปไม่ได้ ช่วยเขียนข้อความสุภาพถึง{who}ให้หน่อย
ช่วยคิดคำอวยพรปีใหม่ให้{who}สักสองสามแบบ
"{phrase}" ภาษาอังกฤษพูดว่าอะไร
แปล "{phrase}" เป็นภาษาอังกฤษแบบเป็นธรรมชาติ
อธิบายสั้นๆ ว่า{topic}คืออะไร
อธิบาย{topic}ให้เด็กประถมเข้าใจ
ทำไมช่วงนี้ข่าวพูดถึง{topic}บ่อยจัง
สรุปข้อความนี้ให้เหลือสามประโยค:\n{para}
ข้อความนี้พูดถึงเรื่องอะไร สรุปให้หน่อย\n\n{para}
ทำยังไงให้ตื่นเช้าได้เป็นนิสัย
เดือนนี้อยากประหยัดค่ากิน มีวิธีไหม
""",
        "dish": "ต้มยำกุ้ง|ผัดกะเพรา|แกงเขียวหวาน|ส้มตำ|ข้าวมันไก่|ต้มข่าไก่",
        "place": "เชียงใหม่|ภูเก็ต|หัวหิน|กระบี่|น่าน|เขาใหญ่",
        "ill": "ปวดหัว|นอนไม่หลับ|ปวดหลัง|เจ็บคอ|ท้องอืด",
        "item": "โน้ตบุ๊ก|หูฟังไร้สาย|เครื่องฟอกอากาศ|รองเท้าวิ่ง|หม้อหุงข้าว",
        "who": "หัวหน้า|เจ้าของห้องเช่า|ลูกค้า|ครูประจำชั้นของลูก",
        "phrase": "เกรงใจ|ไม่เป็นไร|สู้ๆ นะ|กินข้าวหรือยัง|ใจเย็นๆ",
        "topic": "เงินเฟ้อ|บล็อกเชน|การสังเคราะห์ด้วยแสง|อัตราดอกเบี้ยขึ้น|ความเป็นกลางทางคาร์บอน",
        "paras": (
            "กรุงเทพมหานครประกาศว่าตั้งแต่เดือนหน้าค่าโดยสารรถเมล์จะปรับขึ้นสองบาท "
            "เนื่องจากต้นทุนน้ำมันและค่าแรงสูงขึ้นต่อเนื่อง ส่วนนักเรียนและผู้สูงอายุยังได้รับส่วนลดเหมือนเดิม",
            "นิติบุคคลอาคารขอแจ้งว่าในวันอังคารหน้า เวลา 9.00-17.00 น. จะมีการตรวจซ่อมบำรุง"
            "ลิฟต์ตามกำหนด ระหว่างนั้นจะไม่สามารถใช้ลิฟต์ได้ ขออภัยในความไม่สะดวก",
        ),
        "open": "สวัสดีค่ะ|สวัสดีครับ|ขอถามหน่อย",
        "close": "ขอบคุณค่ะ|ขอบคุณครับ|ขอบคุณมากนะ",
        "follow": "สั้นกว่านี้ได้ไหม|มีวิธีอื่นอีกไหม|ขอบคุณ แล้วค่าใช้จ่ายประมาณเท่าไหร่|"
        "ขอตัวอย่างสักอัน|เขียนให้เป็นธรรมชาติกว่านี้หน่อย",
        "reply": "เป็นคำถามที่ดีค่ะ|สรุปประเด็นสำคัญสั้นๆ ให้นะคะ|แนะนำให้เริ่มจากขั้นพื้นฐานก่อน"
        "|อาจแตกต่างกันไปตามสถานการณ์|ถ้าต้องการรายละเอียดเพิ่มเติม ถามได้เลยนะคะ|"
        "โดยทั่วไปทำแบบนี้ก็เพียงพอแล้ว",
        "join": " ",
    },
}
