import { useEffect, useRef } from 'preact/hooks'
import uPlot from 'uplot'
import type { RateSeries } from '../shared/types'

const HEIGHT = 220

function dataOf(rate: RateSeries): uPlot.AlignedData {
  return [rate.received.map((_, index) => rate.start + index), rate.received, rate.delivered, rate.failed]
}

/** Events per second over the last minutes: received, delivered, failed. */
export function RateChart({ rate }: { rate: RateSeries }) {
  const box = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot>(undefined)

  useEffect(() => {
    const element = box.current as HTMLDivElement
    const chart = new uPlot(
      {
        width: element.clientWidth,
        height: HEIGHT,
        scales: { y: { range: (_self, _min, max) => [0, Math.max(1, max * 1.1)] } },
        axes: [{}, { label: 'events / s' }],
        series: [
          {},
          { label: 'received', stroke: '#4c6ef5', width: 1.5 },
          { label: 'delivered', stroke: '#2b8a3e', width: 1.5 },
          { label: 'failed', stroke: '#c92a2a', width: 1.5 }
        ]
      },
      dataOf(rate),
      element
    )
    plot.current = chart
    const resize = () => chart.setSize({ width: element.clientWidth, height: HEIGHT })
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      chart.destroy()
    }
  }, [])

  useEffect(() => {
    plot.current?.setData(dataOf(rate))
  }, [rate])

  return <div class="chart" ref={box} />
}
