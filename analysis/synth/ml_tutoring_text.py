"""Text of the homework-help products: per language a fixed tutor system prompt, students'
questions (maths with {a} {b} {c} numbers, science, language and history homework), the ask
of each style (the answer only, a hint, a short explanation, the solution explained),
follow-ups and the tutor's reply sentences per style ({x} a number).
"""

from __future__ import annotations

TUTORING: dict[str, dict] = {
    "ko": {
        "system": "너는 중고등학생을 돕는 숙제 도우미 '공부친구'야. 학생이 원하는 만큼만 "
        "도와줘: 답만 원하면 답을, 힌트를 원하면 힌트를, 설명을 원하면 쉬운 말로 설명해 줘. "
        "친절하고 짧게 답해.",
        "questions": """
{a}x + {b} = {c}일 때 x의 값은?
밑변이 {a}cm, 높이가 {b}cm인 삼각형의 넓이는?
{a}와 {b}의 최소공배수 구하는 문제야
시속 {a}km로 {b}시간 달리면 몇 km 가?
반지름이 {a}cm인 원의 둘레는? (π=3.14)
연립방정식 x + y = {c}, x - y = {a} 풀어야 돼
광합성에 필요한 세 가지가 뭐야?
물이 얼면 부피가 늘어나는 이유가 뭐야?
"동생이 어제 도서관에서 책을 빌렸다"에서 주어랑 서술어 찾기
영어 숙제인데 would랑 used to 차이가 뭐야?
임진왜란이 일어난 해가 언제야?
산과 염기가 만나면 어떤 반응이 일어나?
{a}의 {b}%는 얼마야?
{a}/{c} + {b}/{c} 계산해야 돼
직각을 낀 두 변이 3cm, 4cm인 직각삼각형의 빗변 길이는?
뉴턴의 운동 제2법칙이 뭐야?
""",
        "styles": (
            "답만 알려줘|정답만|답이 뭐야?",
            "힌트만 줘, 내가 풀어볼게|답 말고 힌트만|어디서부터 시작해야 할지 힌트 좀",
            "짧게 설명해줘|간단히 이유만|한두 줄로 설명해줘",
            "풀이 과정 설명해줘|왜 그렇게 되는지 풀이를 설명해 줄래?",
        ),
        "follow": "아 이해했어! 다음 문제도 도와줘|두 번째 줄이 이해가 안 돼|그럼 답이 {x} "
        "맞아?|비슷한 문제 하나 내줘|고마워요",
        "reply": (
            "정답: {x}|답은 {x}입니다.",
            "먼저 양변에서 같은 수를 빼 보세요.|어떤 공식을 써야 할지부터 떠올려 봐요.",
            "핵심은 구해야 하는 것을 먼저 정리하는 거예요.|짧게 말하면, 조건을 식으로 바꾸면 "
            "바로 보여요.",
            "1단계: 주어진 조건을 정리해요. 2단계: 식을 세워요. 3단계: 차례대로 계산해요.|"
            "마지막으로 답을 원래 식에 넣어서 확인해 봐요.",
        ),
        "join": " ",
    },
    "ja": {
        "system": "あなたは中高生向けの宿題サポートアプリ「まなびナビ」のチューターです。生徒が"
        "求める分だけ手伝ってください。答えだけ知りたい場合は答えを、ヒントが欲しい場合は"
        "ヒントを、説明が欲しい場合はやさしく短く説明してください。",
        "questions": """
{a}x + {b} = {c} のとき、xの値は？
底辺{a}cm、高さ{b}cmの三角形の面積は？
{a}と{b}の最小公倍数を求める問題です
時速{a}kmで{b}時間走ると何km進む？
半径{a}cmの円の円周は？（円周率は3.14）
連立方程式 x + y = {c}、x − y = {a} を解きたい
光合成に必要なものを3つ教えて
水が凍ると体積が増えるのはなぜ？
「雨が降ったので、試合は中止になった」の文の関係は？国語の宿題です
英語の現在完了の「継続」と「経験」の違いは？
鎌倉幕府が開かれたのは何年？
酸とアルカリを混ぜると何が起きる？
{a}の{b}%はいくつ？
{a}/{c} + {b}/{c} の計算
直角をはさむ2辺が3cmと4cmの直角三角形の斜辺は？
ニュートンの運動の第二法則って何？
""",
        "styles": (
            "答えだけ教えて|答えだけでいいです|答えは？",
            "ヒントだけちょうだい、自分で解きたい|答えじゃなくてヒントを|どこから手をつければいい？",
            "短く説明して|理由だけ簡単に|一言で説明して",
            "解き方を説明してください|なんでそうなるのか解説して",
        ),
        "follow": "あ、わかった！次の問題もお願い|2行目がよくわからない|じゃあ答えは{x}で合ってる？"
        "|似た問題を1問出して|ありがとう！",
        "reply": (
            "答えは{x}です。|{x}になります。",
            "まずは両辺から同じ数を引いてみよう。|使う公式を思い出すところから始めてみて。",
            "ポイントは、求めたいものを先にはっきりさせることです。|条件を式に直すと見えてきます。",
            "まず、わかっていることを整理します。次に式を立てて順番に計算します。|最後に答えを"
            "元の式に代入して確かめましょう。",
        ),
        "join": "",
    },
    "zh": {
        "system": "你是作业辅导应用“学伴”的老师。学生要多少帮助就给多少：只要答案就给答案，"
        "要提示就给提示，要解释就用简单的话简短解释。语气亲切，回答简短。",
        "questions": """
{a}x + {b} = {c}，求x
底是{a}厘米、高是{b}厘米的三角形，面积是多少？
求{a}和{b}的最小公倍数
每小时{a}千米，{b}小时能走多少千米？
半径{a}厘米的圆，周长是多少？（π取3.14）
解方程组 x + y = {c}，x − y = {a}
光合作用需要哪三样东西？
为什么水结冰后体积会变大？
“虽然下雨了，但是比赛照常进行”是什么关系的复句？语文作业
英语现在完成时和一般过去时有什么区别？
秦始皇统一六国是哪一年？
酸和碱混合会发生什么反应？
{a}的{b}%是多少？
计算 {a}/{c} + {b}/{c}
直角三角形两条直角边是3厘米和4厘米，斜边多长？
牛顿第二定律是什么意思？
""",
        "styles": (
            "只要答案|直接告诉我答案|答案是多少？",
            "给个提示就行，我想自己做|不要答案，给点提示|应该从哪里入手？",
            "简单解释一下|一两句话说一下为什么|简短说明",
            "请讲一下解题过程|为什么是这样？讲讲思路",
        ),
        "follow": "懂了！下一题也帮我看看|第二步没看懂|那答案是{x}对吗？|再出一道类似的题|谢谢老师",
        "reply": (
            "答案是{x}。|结果等于{x}。",
            "先试试两边同时减去同一个数。|先想想要用哪个公式。",
            "关键是先弄清楚要求的是什么。|把条件写成式子，答案就出来了。",
            "第一步，整理已知条件；第二步，列出式子；第三步，依次计算。|最后把答案代回原式检查一下。",
        ),
        "join": "",
    },
    "vi": {
        "system": "Bạn là gia sư của ứng dụng học tập Học Vui. Hãy giúp học sinh đúng mức các em "
        "cần: cần đáp án thì cho đáp án, cần gợi ý thì gợi ý, cần giải thích thì giải thích "
        "ngắn gọn, dễ hiểu. Luôn thân thiện và ngắn gọn.",
        "questions": """
Tìm x biết {a}x + {b} = {c}
Tính diện tích tam giác có đáy {a} cm, chiều cao {b} cm
Tìm bội chung nhỏ nhất của {a} và {b}
Đi với vận tốc {a} km/h trong {b} giờ thì được bao nhiêu km?
Tính chu vi hình tròn bán kính {a} cm (π = 3,14)
Giải hệ phương trình x + y = {c}, x − y = {a}
Quang hợp cần những yếu tố nào?
Tại sao nước đóng băng thì thể tích tăng lên?
Tìm chủ ngữ và vị ngữ trong câu: "Sáng nay, em đi học sớm."
Phân biệt thì hiện tại hoàn thành và quá khứ đơn trong tiếng Anh
Chiến thắng Điện Biên Phủ diễn ra năm nào?
Axit tác dụng với bazơ tạo ra chất gì?
{b}% của {a} là bao nhiêu?
Tính {a}/{c} + {b}/{c}
Tam giác vuông có hai cạnh góc vuông 3 cm và 4 cm, cạnh huyền dài bao nhiêu?
Định luật II Niu-tơn nói gì?
""",
        "styles": (
            "chỉ cần đáp án thôi|cho em xin đáp án|đáp án là gì ạ?",
            "cho em gợi ý thôi, em tự làm|đừng nói đáp án, gợi ý thôi|nên bắt đầu từ đâu ạ?",
            "giải thích ngắn gọn giúp em|nói ngắn gọn vì sao|giải thích 1-2 câu thôi",
            "giải thích cách làm giúp em|hướng dẫn em lời giải chi tiết",
        ),
        "follow": "em hiểu rồi! giúp em bài tiếp theo|bước 2 em chưa hiểu|vậy đáp án là {x} đúng "
        "không ạ?|cho em một bài tương tự|em cảm ơn ạ",
        "reply": (
            "Đáp án: {x}.|Kết quả là {x}.",
            "Em thử trừ cả hai vế cho cùng một số trước nhé.|Em nhớ lại công thức cần dùng trước.",
            "Quan trọng là xác định rõ đề bài hỏi gì.|Chuyển điều kiện thành phép tính là ra.",
            "Bước 1: ghi lại dữ kiện. Bước 2: lập phép tính. Bước 3: tính lần lượt.|Cuối cùng "
            "thay kết quả vào đề để kiểm tra.",
        ),
        "join": " ",
    },
    "id": {
        "system": "Kamu adalah tutor di aplikasi bantuan PR Belajar Pintar. Bantu siswa sesuai "
        "kebutuhannya: kalau minta jawaban, beri jawabannya; kalau minta petunjuk, beri "
        "petunjuk; kalau minta penjelasan, jelaskan dengan singkat dan mudah dipahami.",
        "questions": """
Tentukan nilai x jika {a}x + {b} = {c}
Hitung luas segitiga dengan alas {a} cm dan tinggi {b} cm
Cari KPK dari {a} dan {b}
Kecepatan {a} km/jam selama {b} jam, jaraknya berapa km?
Berapa keliling lingkaran dengan jari-jari {a} cm? (π = 3,14)
Selesaikan sistem persamaan x + y = {c} dan x − y = {a}
Apa saja yang dibutuhkan dalam fotosintesis?
Kenapa volume air bertambah saat membeku?
Tentukan subjek dan predikat: "Adik membaca buku di perpustakaan."
Apa beda simple past dan present perfect? PR bahasa Inggris
Kapan Sumpah Pemuda diikrarkan?
Apa yang terjadi kalau asam dicampur basa?
Berapa {b}% dari {a}?
Hitung {a}/{c} + {b}/{c}
Segitiga siku-siku dengan sisi tegak 3 cm dan 4 cm, berapa panjang sisi miringnya?
Apa isi hukum Newton II?
""",
        "styles": (
            "jawabannya aja|langsung jawabannya ya|jawabannya berapa?",
            "kasih petunjuk aja, aku mau coba sendiri|jangan jawabannya, petunjuk aja|"
            "mulainya dari mana ya?",
            "jelasin singkat aja|kenapa begitu, singkat aja|jelaskan 1-2 kalimat",
            "tolong jelaskan cara penyelesaiannya|kenapa hasilnya begitu? jelasin caranya",
        ),
        "follow": "oh paham! bantu soal berikutnya ya|langkah kedua belum paham|jadi jawabannya "
        "{x} kan?|kasih satu soal yang mirip|makasih kak",
        "reply": (
            "Jawabannya {x}.|Hasilnya {x}.",
            "Coba kurangi kedua ruas dengan bilangan yang sama dulu.|Ingat dulu rumus yang "
            "dipakai.",
            "Kuncinya, pahami dulu apa yang ditanyakan.|Ubah informasinya jadi persamaan, nanti "
            "kelihatan.",
            "Langkah 1: tulis yang diketahui. Langkah 2: susun persamaannya. Langkah 3: hitung "
            "berurutan.|Terakhir, cek dengan memasukkan jawabannya ke soal.",
        ),
        "join": " ",
    },
    "tr": {
        "system": "Sen ödev yardım uygulaması Ödev Arkadaşı'nın öğretmenisin. Öğrenciye istediği "
        "kadar yardım et: sadece cevap istiyorsa cevabı, ipucu istiyorsa ipucunu ver, açıklama "
        "istiyorsa kısa ve anlaşılır açıkla. Samimi ve kısa ol.",
        "questions": """
{a}x + {b} = {c} ise x kaçtır?
Tabanı {a} cm, yüksekliği {b} cm olan üçgenin alanı kaç cm²?
{a} ve {b} sayılarının EKOK'unu bulmam lazım
Saatte {a} km hızla {b} saat giden araç kaç km yol alır?
Yarıçapı {a} cm olan çemberin çevresi kaç cm? (π = 3,14)
x + y = {c} ve x − y = {a} denklem sistemini çözmem gerekiyor
Fotosentez için gerekli üç şey nedir?
Su donunca hacmi neden artar?
"Kardeşim dün kütüphaneden kitap aldı." cümlesinin öğeleri neler?
İngilizcede present perfect ile past simple farkı ne?
İstanbul'un fethi hangi yıl oldu?
Asit ile baz karışınca ne olur?
{a} sayısının yüzde {b} kadarı kaçtır?
{a}/{c} + {b}/{c} işleminin sonucu ne?
Dik kenarları 3 cm ve 4 cm olan dik üçgenin hipotenüsü kaç cm?
Newton'un ikinci hareket yasası ne anlatıyor?
""",
        "styles": (
            "sadece cevabı yaz|cevap ne?|sadece sonucu söyle",
            "sadece ipucu ver, kendim çözeceğim|cevabı söyleme, ipucu ver|nereden başlamalıyım?",
            "kısaca açıkla|neden öyle, kısaca|bir iki cümleyle açıklar mısın",
            "çözümü anlatır mısın|neden böyle olduğunu açıklar mısın",
        ),
        "follow": "anladım! sıradaki soruya da bakar mısın|ikinci kısmı anlamadım|yani cevap {x} "
        "mi?|benzer bir soru sorar mısın|teşekkürler hocam",
        "reply": (
            "Cevap: {x}|Sonuç {x} çıkıyor.",
            "Önce iki taraftan da aynı sayıyı çıkarmayı dene.|Hangi formülü kullanacağını düşün.",
            "Önemli olan, neyin sorulduğunu önce netleştirmek.|Verilenleri denkleme çevirince "
            "sonuç görünüyor.",
            "Önce verilenleri yazıyoruz, sonra denklemi kuruyoruz, ardından sırayla "
            "hesaplıyoruz.|Son olarak bulduğun sonucu soruda yerine koyup kontrol et.",
        ),
        "join": " ",
    },
    "hi": {
        "system": "तुम होमवर्क हेल्प ऐप 'पढ़ाई साथी' के ट्यूटर हो। छात्र को उतनी ही मदद दो "
        "जितनी वह माँगे: सिर्फ़ उत्तर माँगे तो उत्तर, हिंट माँगे तो हिंट, और समझाने को कहे तो "
        "आसान भाषा में छोटे में समझाओ। हमेशा विनम्र और संक्षिप्त रहो।",
        "questions": """
अगर {a}x + {b} = {c} है, तो x का मान क्या होगा?
आधार {a} सेमी और ऊँचाई {b} सेमी वाले त्रिभुज का क्षेत्रफल कितना होगा?
{a} और {b} का LCM निकालना है
{a} किमी/घंटा की चाल से {b} घंटे में कितनी दूरी तय होगी?
{a} सेमी त्रिज्या वाले वृत्त की परिधि कितनी होगी? (π = 3.14)
x + y = {c} और x − y = {a} को हल करना है
प्रकाश संश्लेषण के लिए किन तीन चीज़ों की ज़रूरत होती है?
पानी जमने पर उसका आयतन क्यों बढ़ जाता है?
इस वाक्य में संज्ञा और क्रिया बताओ: "राम ने बाज़ार से फल खरीदे।"
इंग्लिश में present perfect और past simple में क्या फ़र्क है?
भारत को आज़ादी किस साल मिली?
अम्ल और क्षार मिलाने पर क्या होता है?
{a} का {b}% कितना होगा?
{a}/{c} + {b}/{c} हल करो
समकोण त्रिभुज की दो भुजाएँ 3 सेमी और 4 सेमी हैं, कर्ण कितना होगा?
न्यूटन का गति का दूसरा नियम क्या है?
""",
        "styles": (
            "सिर्फ़ जवाब बताओ|आंसर क्या है?|बस उत्तर चाहिए",
            "बस हिंट दो, खुद करूँगा|जवाब मत बताओ, हिंट दो|कहाँ से शुरू करूँ?",
            "छोटे में समझाओ|एक-दो लाइन में बताओ क्यों|संक्षेप में समझाओ",
            "हल करने का तरीका समझाओ|ऐसा क्यों होता है, पूरा हल समझा दो",
        ),
        "follow": "समझ गया! अगला सवाल भी बताओ|दूसरा स्टेप समझ नहीं आया|तो जवाब {x} है ना?|"
        "ऐसा ही एक और सवाल दो|धन्यवाद सर",
        "reply": (
            "उत्तर: {x}|जवाब {x} है।",
            "पहले दोनों तरफ़ से एक ही संख्या घटाकर देखो।|पहले सोचो कि कौन-सा सूत्र लगेगा।",
            "सबसे ज़रूरी है कि पहले समझो क्या पूछा गया है।|दी गई बातों को समीकरण में लिखो, जवाब दिख जाएगा।",
            "पहले दी गई जानकारी लिखो, फिर समीकरण बनाओ, फिर क्रम से हल करो।|आख़िर में उत्तर को "
            "सवाल में रखकर जाँच लो।",
        ),
        "join": " ",
    },
}
