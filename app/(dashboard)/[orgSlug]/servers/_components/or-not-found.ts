import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/** Turns the data layer's not_found into Next's 404: foreign and unknown ids look the same, so ids cannot be probed. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
