import { Landing } from "@/components/marketing/landing";
import { auth } from "@/lib/auth";

export default async function LandingPage() {
  const session = await auth();
  return <Landing isSignedIn={Boolean(session?.user)} dashboardHref="/orgs" />;
}
