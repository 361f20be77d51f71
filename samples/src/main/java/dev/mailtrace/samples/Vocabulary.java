package dev.mailtrace.samples;

import java.util.SplittableRandom;

/**
 * Invented names, organisations and words. Domains are the reserved example.* names and the .test
 * and .example top-level domains (RFC 2606), so nothing here points at a real person or host.
 */
final class Vocabulary {
  private Vocabulary() {}

  /** A mail-handling organisation: its domain, the MTA its hosts run and its clock's UTC offset. */
  record Org(String domain, MtaStyle style, int zoneMinutes) {}

  static final Org[] ORGS = {
    new Org("example.com", MtaStyle.POSTFIX, 0),
    new Org("example.org", MtaStyle.EXIM, 60),
    new Org("example.net", MtaStyle.SENDMAIL, -300),
    new Org("corp.example", MtaStyle.EXCHANGE, 60),
    new Org("mail.example", MtaStyle.GMAIL, -480),
    new Org("shop.test", MtaStyle.QMAIL, 120),
    new Org("acme.example", MtaStyle.POSTFIX, -240),
    new Org("globex.test", MtaStyle.EXCHANGE, 540),
    new Org("initech.example.com", MtaStyle.SENDMAIL, -360),
    new Org("university.example.edu", MtaStyle.EXIM, 0),
    new Org("lists.example.net", MtaStyle.POSTFIX, 0),
    new Org("tokyo.example.jp", MtaStyle.POSTFIX, 540),
    new Org("berlin.example.de", MtaStyle.EXIM, 60),
    new Org("paris.example.fr", MtaStyle.GMAIL, 60),
    new Org("hosting.test", MtaStyle.QMAIL, 330),
    new Org("cloud.example", MtaStyle.EXCHANGE, 0),
  };

  static final String[] FIRST = {
    "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy", "Mallory",
    "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Wendy", "Yara",
    "Quentin", "Uma", "Xavier", "Kim", "Lee", "Morgan", "Sam", "Robin", "Pat"
  };
  static final String[] LAST = {
    "Example", "Sample", "Tester", "Placeholder", "Doe", "Roe", "Smith", "Jones", "Taylor", "Brown",
    "Nguyen", "Garcia", "Rossi", "Novak", "Larsen", "Okafor", "Silva", "Cohen", "Kowalski", "Murphy"
  };
  /** Latin-1 names, written as ISO-8859-1, windows-1252 or UTF-8 encoded words. */
  static final String[] LATIN_NAMES = {
    "René Dupont", "Zoë Lefèvre", "Jürgen Müller", "Søren Østergård", "François Gérard",
    "Begoña Ibáñez", "Anaïs Béranger", "Jörg Weiß", "Inês Simões", "Håkan Åström"
  };
  /** Names outside Latin-1, written as UTF-8 encoded words. */
  static final String[] UNICODE_NAMES = {
    "Łukasz Wiśniewski", "Dvořák Čestmír", "Ελένη Παπαδοπούλου", "Иван Петров", "Şule Yılmaz",
    "Nguyễn Văn An"
  };
  /** Japanese placeholder names (the equivalents of John and Jane Doe), written as ISO-2022-JP. */
  static final String[] JAPANESE_NAMES = {"山田 太郎", "山田 花子", "佐藤 一郎", "鈴木 次郎"};

  static final String[] TOPICS = {
    "quarterly report", "budget review", "project kickoff", "server migration", "team offsite",
    "invoice", "contract renewal", "release planning", "security audit", "holiday schedule",
    "customer feedback", "design review", "hiring plan", "training session", "network outage",
    "backup policy", "newsletter draft", "conference travel", "office move", "license renewal",
    "onboarding checklist", "incident postmortem", "roadmap update", "API changes", "test results"
  };
  static final String[] LATIN_SUBJECTS = {
    "Réunion de l'équipe à 14h", "Überprüfung der Angebote", "Café et croissants demain",
    "Résumé du projet – étape 2", "Größenänderung der Datenbank", "Año nuevo: planificación"
  };
  static final String[] SMART_SUBJECTS = {
    "“Final” numbers – please check", "Don’t forget the deadline…", "Q3 “lessons learned” – draft"
  };
  static final String[] JAPANESE_SUBJECTS = {"会議の件について", "資料の送付", "来週の予定", "お問い合わせ"};
  static final String[] UNICODE_SUBJECTS = {
    "Статус проекта", "Ενημέρωση λογαριασμού", "Zażółć gęślą jaźń – test", "Tệp đính kèm ✓",
    "Meeting notes 📎"
  };

  static final String[] WORDS = {
    "the", "a", "we", "our", "team", "project", "report", "meeting", "schedule", "update", "please",
    "review", "attached", "document", "numbers", "budget", "next", "week", "thanks", "regarding",
    "customer", "server", "release", "plan", "version", "issue", "fix", "deadline", "agenda", "notes",
    "will", "should", "could", "need", "to", "and", "or", "for", "with", "on", "in", "of", "by",
    "before", "after", "Monday", "Tuesday", "Friday", "morning", "afternoon", "draft", "final",
    "approval", "invoice", "contract", "question", "answer", "details", "summary", "change",
    "request", "backup", "network", "database", "migration", "test", "results", "feedback",
    "proposal", "estimate", "delivery", "shipment", "order", "account", "access", "password",
    "policy", "training", "session", "office", "travel", "hotel", "flight", "booking", "room",
    "call", "agreed", "confirm", "discuss", "share", "send", "check", "update", "prepare", "finish",
    "start", "continue", "quickly", "carefully", "again", "also", "still", "already", "soon",
    "important", "minor", "urgent", "small", "large", "new", "old", "current", "previous", "latest",
    "is", "are", "was", "be", "have", "has", "it", "this", "that", "these", "all", "some", "any",
    "you", "they", "I", "me", "us", "them", "when", "if", "because", "so", "but", "not", "only"
  };
  static final String[] LATIN_SENTENCES = {
    "Merci pour votre réponse rapide, nous étudierons la proposition à la réunion de mercredi.",
    "Die Unterlagen für das nächste Quartal liegen im gemeinsamen Ordner; bitte prüfen Sie die Zahlen.",
    "Hemos recibido el pedido y la entrega está prevista para el próximo lunes por la mañana.",
    "Le café de la réception est fermé jusqu'à jeudi, désolé pour la gêne occasionnée.",
    "Grüße aus dem Büro, die Änderungen sind übernommen und die Größe passt jetzt.",
    "Vi ses på mødet i morgen, så gennemgår vi budgettet for året.",
  };
  static final String[] JAPANESE_SENTENCES = {
    "お世話になっております。来週の会議の資料をお送りします。",
    "ご確認のほど、よろしくお願いいたします。",
    "添付ファイルをご覧ください。ご不明な点があればご連絡ください。",
    "本日の打ち合わせありがとうございました。",
  };
  static final String[] SIGNOFFS = {"Thanks,", "Best regards,", "Cheers,", "Kind regards,", "--"};
  static final String[] MAILERS = {
    "Thunderbird 128.3", "Mutt/2.2", "Evolution 3.50", "Apple Mail (2.3774)", "Roundcube Webmail/1.6",
    "Microsoft Outlook 16.0", "K-9 Mail for Android", "Claws Mail 4.2", "Alpine 2.26"
  };

  static <T> T pick(SplittableRandom r, T[] items) {
    return items[r.nextInt(items.length)];
  }
}
