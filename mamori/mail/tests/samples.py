"""Mail fixtures: raw bytes in the shapes real Japanese mailers send, and
builders that make messages with the stdlib ``email`` package.

The raw samples are written out byte for byte (base64 and JIS included), so
they do not depend on the code under test or on Python's codecs; the comment
beside each encoded value says what it decodes to.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from email.headerregistry import Address
from email.message import EmailMessage
from email.mime.text import MIMEText

JST = dt.timezone(dt.timedelta(hours=9))

#: A tiny but real PDF, attached to the multipart samples.
PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PDF_BASE64 = b"JVBERi0xLjQKJeLjz9MKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK"

#: Outlook-style ISO-2022-JP: 7bit body with NEC specials (①②㈱) and the
#: NEC-selected IBM kanji 髙 inside ESC $ B, which strict ISO-2022-JP rejects.
ISO2022JP_OUTLOOK = (
    b"Return-Path: <taro@example.jp>\r\n"
    # 山田 太郎
    b"From: =?ISO-2022-JP?B?GyRCOzNFRBsoQiAbJEJCQE86GyhC?= <taro@example.jp>\r\n"
    b"To: support@example.com\r\n"
    # 【至急】商品不良のご連絡
    b"Subject: =?ISO-2022-JP?B?GyRCIVo7ajVeIVs+JklKSVROSSROJDRPIk1tGyhC?=\r\n"
    b"Date: Tue, 02 Apr 2024 09:15:00 +0900\r\n"
    b"Message-ID: <20240402091500.1234@example.jp>\r\n"
    b"MIME-Version: 1.0\r\n"
    b'Content-Type: text/plain; charset="iso-2022-jp"\r\n'
    b"Content-Transfer-Encoding: 7bit\r\n"
    b"\r\n"
    # お世話になっております。
    b"\x1b$B$*@$OC$K$J$C$F$*$j$^$9!#\x1b(B\r\n"
    # ㈱サンプルの髙橋です。
    b"\x1b$B-j%5%s%W%k$N|b66$G$9!#\x1b(B\r\n"
    # ①返金 ②交換 のどちらかでご対応ください。
    b'\x1b$B-!JV6b\x1b(B \x1b$B-"8r49\x1b(B '
    b"\x1b$B$N$I$A$i$+$G$4BP1~$/$@$5$$!#\x1b(B\r\n"
)
ISO2022JP_OUTLOOK_BODY = (
    "お世話になっております。\n㈱サンプルの髙橋です。\n①返金 ②交換 のどちらかでご対応ください。\n"
)

#: Windows mailer: Shift_JIS (really CP932) body in base64, Shift_JIS name and subject.
SHIFT_JIS_BASE64 = (
    # 株式会社①商事 髙橋
    b"From: =?Shift_JIS?B?ipSOronvjtCHQI+kjpYg7uCLtA==?= <takahashi@example.co.jp>\r\n"
    b"To: =?Shift_JIS?B?ldSVaYLJgsKCooLE?= <henpin@example.com>\r\n"  # 返品について
    # 返品について（再送）
    b"Subject: =?Shift_JIS?B?ldSVaYLJgsKCooLEgWmNxJGXgWo=?=\r\n"
    b"Date: Wed, 3 Apr 2024 18:05:09 +0900\r\n"
    b"Message-ID: <sjis.0001@example.co.jp>\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=Shift_JIS\r\n"
    b"Content-Transfer-Encoding: base64\r\n"
    b"\r\n"
    b"gqiQophigsmCyILogtyCt4FCCoeKg1SDk4N2g4uCzO7gi7SCxYK3gUIKh0CV1IvgIIdBjPCKtyCC\r\n"
    b"zILHgr+C54KpgsWCqIrogqKCtYLcgreBQgo=\r\n"
)
SHIFT_JIS_BODY = (
    "お世話になります。\n㈱サンプルの髙橋です。\n①返金 ②交換 のどちらかでお願いします。\n"
)

#: A Unix mailer: EUC-JP body in quoted-printable, Q-encoded EUC-JP subject.
EUC_JP_QP = (
    b"From: Suzuki Ichiro <suzuki@example.ne.jp>\n"
    b"To: info@example.jp\n"
    b"Subject: =?EUC-JP?Q?=C2=D0=B1=FE=A4=CE=B7=EF?=\n"  # 対応の件
    b"Date: Thu, 04 Apr 2024 07:00:00 +0000\n"
    b"Message-Id: <euc-1@example.ne.jp>\n"
    b"Mime-Version: 1.0\n"
    b"Content-Type: text/plain; charset=EUC-JP\n"
    b"Content-Transfer-Encoding: quoted-printable\n"
    b"\n"
    # 担当者様 / 先日の対応について、説明を求めます。
    b"=C3=B4=C5=F6=BC=D4=CD=CD\n"
    b"=C0=E8=C6=FC=A4=CE=C2=D0=B1=FE=A4=CB=A4=C4=A4=A4=A4=C6=A1=A2=C0=E2=CC=C0=A4=\n"
    b"=F2=B5=E1=A4=E1=A4=DE=A4=B9=A1=A3\n"
)
EUC_JP_BODY = "担当者様\n先日の対応について、説明を求めます。\n"

#: multipart/mixed: a UTF-8 text body and three attachments named three ways:
#: RFC 2231 UTF-8, an encoded word in Shift_JIS with ①, and one in ISO-2022-JP.
MIXED_WITH_ATTACHMENTS = (
    b"From: =?UTF-8?B?5L2Q6Jek?= <sato@example.com>\r\n"  # 佐藤
    b"To: desk@example.jp\r\n"
    b"Cc: =?UTF-8?Q?=E4=B8=8A=E5=8F=B8?= <boss@example.jp>, audit@example.jp\r\n"  # 上司
    b"Subject: =?UTF-8?B?6KaL56mN5pu444KS6YCB44KK44G+44GZ?=\r\n"  # 見積書を送ります
    b"Date: Fri, 5 Apr 2024 10:20:30 +0900\r\n"
    b"Message-ID: <mixed-1@example.com>\r\n"
    b"MIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="==BOUNDARY=="\r\n'
    b"\r\n"
    b"This is a multi-part message in MIME format.\r\n"
    b"--==BOUNDARY==\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Content-Transfer-Encoding: 8bit\r\n"
    b"\r\n" + "添付をご確認ください。\r\n".encode() + b"--==BOUNDARY==\r\n"
    b'Content-Type: application/pdf; name="quote.pdf"\r\n'
    b"Content-Transfer-Encoding: base64\r\n"
    b"Content-Disposition: attachment;\r\n"
    # 見積書（2024年4月）.pdf
    b" filename*=UTF-8''%E8%A6%8B%E7%A9%8D%E6%9B%B8%EF%BC%88"
    b"2024%E5%B9%B44%E6%9C%88%EF%BC%89.pdf\r\n"
    b"\r\n" + PDF_BASE64 + b"\r\n"
    b"--==BOUNDARY==\r\n"
    # 請求書①.pdf
    b'Content-Type: application/pdf; name="=?Shift_JIS?B?kL+LgY+Rh0AucGRm?="\r\n'
    b"Content-Transfer-Encoding: base64\r\n"
    b'Content-Disposition: attachment; filename="=?Shift_JIS?B?kL+LgY+Rh0AucGRm?="\r\n'
    b"\r\n" + PDF_BASE64 + b"\r\n"
    b"--==BOUNDARY==\r\n"
    # 議事録.pdf, only in Content-Type's name, as old Japanese mailers do
    b'Content-Type: application/octet-stream; name="=?ISO-2022-JP?B?GyRCNUQ7dk8/GyhCLnBkZg==?="\r\n'
    b"Content-Transfer-Encoding: base64\r\n"
    b"\r\n"
    b"AAECAwQFBgcICQ==\r\n"
    b"--==BOUNDARY==--\r\n"
)
MIXED_FILENAMES = ("見積書（2024年4月）.pdf", "請求書①.pdf", "議事録.pdf")

#: A Shift_JIS body that claims to be ISO-2022-JP (a broken form mailer).
WRONG_LABEL = (
    b"From: form@example.jp\n"
    b"To: desk@example.jp\n"
    b"Subject: Inquiry form\n"
    b"Date: Sat, 6 Apr 2024 11:00:00 +0900\n"
    b"Content-Type: text/plain; charset=ISO-2022-JP\n"
    b"Content-Transfer-Encoding: 8bit\n"
    b"\n" + "お名前：①山田\n電話：０３（１２３４）\n".encode("cp932")
)
WRONG_LABEL_BODY = "お名前：①山田\n電話：０３（１２３４）\n"

#: An EUC-JP 8bit body with no charset at all, and a raw (unencoded) EUC-JP subject.
MISSING_CHARSET = (
    b"From: old-system@example.jp\n"
    b"To: desk@example.jp\n"
    b"Subject: " + "自動送信：苦情受付".encode("euc_jp") + b"\n"
    b"Date: Sun, 7 Apr 2024 23:59:59 +0900\n"
    b"Content-Type: text/plain\n"
    b"\n" + "受付番号：１２３\n内容：電話対応が不誠実であった。\n".encode("euc_jp")
)
MISSING_CHARSET_BODY = "受付番号：１２３\n内容：電話対応が不誠実であった。\n"

#: mboxrd export: an envelope "From " line first, LF line endings.
MBOX_MESSAGE = (
    b"From taro@example.jp Mon Apr  8 12:00:00 2024\n"
    b"From: taro@example.jp\n"
    b"To: desk@example.jp\n"
    b"Subject: =?UTF-8?B?44Oh44O844Or44Oc44OD44Kv44K5?=\n"  # メールボックス
    b"Date: Mon, 8 Apr 2024 12:00:00 +0900\n"
    b"Content-Type: text/plain; charset=utf-8\n"
    b"\n" + "mbox から取り出したメールです。\n".encode()
)


def build_utf8_alternative() -> bytes:
    """UTF-8 multipart/alternative, text and HTML, built with EmailMessage."""
    message = EmailMessage()
    message["From"] = Address("佐藤 花子", addr_spec="hanako@example.com")
    message["To"] = [
        Address("お客様相談室", addr_spec="soudan@example.jp"),
        Address("", addr_spec="log@example.jp"),
    ]
    message["Subject"] = "ご返信のお願い（3回目）"
    message["Date"] = email.utils.format_datetime(dt.datetime(2024, 4, 9, 8, 30, tzinfo=JST))
    message["Message-ID"] = "<alt-1@example.com>"
    message.set_content("プレーンテキスト版です。\n返信をお待ちしています。\n")
    message.add_alternative(HTML_BODY, subtype="html")
    return message.as_bytes()


HTML_BODY = (
    "<html><head><title>件名</title><style>p { color: red }</style>"
    "<script>alert('x')</script></head><body>"
    "<p>HTML版です。</p><div>一行目<br>二行目</div>"
    "<ul><li>項目A</li><li>項目B &amp; C</li></ul>"
    "</body></html>"
)


def build_html_only() -> bytes:
    """An HTML-only message (no text/plain alternative)."""
    message = EmailMessage()
    message["From"] = "news@example.com"
    message["To"] = "desk@example.jp"
    message["Subject"] = "HTML only"
    message["Date"] = "Tue, 9 Apr 2024 10:00:00 +0900"
    message.set_content(HTML_BODY, subtype="html")
    return message.as_bytes()


def build_with_attachment(filename: str, payload: bytes) -> bytes:
    """A text body plus one attachment, the way EmailMessage writes it (RFC 2231)."""
    message = EmailMessage()
    message["From"] = Address("佐藤", addr_spec="sato@example.com")
    message["To"] = "desk@example.jp"
    message["Subject"] = "添付ファイル"
    message["Date"] = "Wed, 10 Apr 2024 10:00:00 +0900"
    message.set_content("資料を添付します。\n")
    message.add_attachment(payload, maintype="application", subtype="pdf", filename=filename)
    return message.as_bytes()


def build_text(body: str, *, subject: str = "テスト", charset: str = "utf-8") -> bytes:
    """A single text/plain message with the given body, built by EmailMessage."""
    message = EmailMessage()
    message["From"] = "sender@example.com"
    message["To"] = "desk@example.jp"
    message["Subject"] = subject
    message["Date"] = "Thu, 11 Apr 2024 10:00:00 +0900"
    message.set_content(body, charset=charset)
    return message.as_bytes()


def build_legacy_mime_text(body: str) -> bytes:
    """The legacy MIMEText API with charset Shift_JIS, as older Python mailers
    used it; the stdlib converts the body to ISO-2022-JP (JIS X 0208 only)."""
    message = MIMEText(body, "plain", "shift_jis")
    message["From"] = "legacy@example.jp"
    message["To"] = "desk@example.jp"
    message["Subject"] = "legacy"
    message["Date"] = "Fri, 12 Apr 2024 10:00:00 +0900"
    return message.as_bytes()
