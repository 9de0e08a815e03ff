import { describe, expect, it } from "vitest";
import { scheduleMetrics } from "./metrics";
import { baseInstance } from "./test-support";
import { buildModel } from "./validate";

describe("scheduleMetrics", () => {
  const model = buildModel(baseInstance());

  it("counts the longest run of consecutive meetings, within a block only", () => {
    const metrics = scheduleMetrics(model, {
      assignments: [
        { meeting: "m1", slot: "s1", table: "T2" },
        { meeting: "m2", slot: "s2", table: "T4" },
        { meeting: "m4", slot: "s3", table: "T2" },
      ],
    });
    expect(metrics).toEqual({ value: 4, placed: 3, peopleWithPlaceableMeeting: 4, peopleLeftOut: 0, longestRun: 2 });
  });

  it("counts people left without a meeting among those who have a placeable one", () => {
    const metrics = scheduleMetrics(model, { assignments: [{ meeting: "m1", slot: "s1", table: "T2" }] });
    expect(metrics).toMatchObject({ peopleLeftOut: 2, longestRun: 1 });
  });
});
