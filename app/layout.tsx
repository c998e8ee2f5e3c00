import type { Metadata, Viewport } from "next";
import { getPreferences } from "@/lib/i18n/server";
import { messages } from "@/lib/i18n/messages";
import { I18nProvider } from "@/lib/i18n/client";
import { ServiceWorker } from "@/components/pwa/service-worker";
import { Toaster } from "sonner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Switchboard", template: "%s · Switchboard" },
  description: "Run AI coding agents on your projects and watch every run live.",
  // public/: favicon.ico, apple-touch-icon.png and robots.txt are fetched at their well-known paths; app/icon.svg is linked by Next.
  manifest: "/manifest.webmanifest",
};

// The installed app's title bar, as in the manifest.
export const viewport: Viewport = { themeColor: "#4f46e5" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { locale, theme } = await getPreferences();
  return (
    <html lang={locale} className={theme}>
      <body className="min-h-screen">
        <I18nProvider locale={locale} messages={messages[locale]}>
          {children}
          {/* Toasts for actions that finish out of sight (a task added from a dialog, a refused board move). */}
          <Toaster theme={theme} position="bottom-right" richColors closeButton />
        </I18nProvider>
        <ServiceWorker />
      </body>
    </html>
  );
}
