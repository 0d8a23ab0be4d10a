// One logger for the process: pino, human-readable on a terminal, JSON otherwise.
import { pino } from "pino";

const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info");

export const logger = pino({
  level,
  transport: process.stdout.isTTY ? { target: "pino-pretty", options: { ignore: "pid,hostname", translateTime: "HH:MM:ss" } } : undefined,
});
