/** MAIL FROM and RCPT TO as the SMTP client gave them; they may differ from the headers. */
export interface SmtpEnvelope {
  mailFrom: string;
  rcptTo: string[];
}
